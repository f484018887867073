// Package classify sorts short Chinese texts, such as citizen messages to a
// 12345 hotline, into categories. It learns from labelled examples with
// our own code and no external model: character 1-3-grams weighted by
// sublinear, L2-normalised TF-IDF feed one linear support vector machine
// per category, and a softmax over the machines' margins, its temperature
// fitted on held-out folds, gives each category a confidence.
//
// Character n-grams need no word segmenter. When the training text comes
// word-segmented with stop words removed (as some public sets do) while
// the texts to classify arrive raw, Train also learns the training words
// and Predict splits raw text into them, dropping characters never seen
// as words (the removed stop words), so both sides yield the same grams.
package classify

import (
	"errors"
	"fmt"
	"slices"
)

// Example is one labelled text, the unit both training and evaluation take.
type Example struct {
	Text  string
	Label string
}

// Options tunes Train. Start from DefaultOptions and change what you need;
// the zero value is not valid.
type Options struct {
	// Seed fixes the order in which examples are visited; the same seed and
	// data give a byte-identical model.
	Seed int64
	// Epochs bounds the passes of the solver over the data for each class.
	Epochs int
	// C is the SVM's cost of a margin violation; larger fits the training
	// data more closely.
	C float64
	// MinN and MaxN bound the length of character n-grams (1 <= MinN <= MaxN <= 5).
	MinN, MaxN int
	// MinDF drops n-grams found in fewer training texts, which are mostly
	// noise and would only grow the model.
	MinDF int
	// MaxFeatures keeps at most this many n-grams, the most frequent ones,
	// to bound the model's size: about 4·MaxFeatures·(labels+1) bytes, so
	// lower it for hundreds of labels (0: no limit).
	MaxFeatures int
	// CalibFolds is the number of folds used to fit the softmax
	// temperature on held-out margins (fewer than 2: a fixed temperature).
	CalibFolds int
	// Workers bounds the goroutines Train uses (0: GOMAXPROCS). The
	// result does not depend on it.
	Workers int
	// Lexicon says whether to learn a word lexicon from word-segmented
	// training text and segment input with it (see LexiconMode).
	Lexicon LexiconMode
}

// LexiconMode chooses whether Train learns a word lexicon. Some labelled
// sets survive only as word-segmented text with stop words removed, while
// the messages to classify arrive raw; a lexicon lets the model segment
// raw input the same way, so both sides yield the same n-grams.
type LexiconMode int

const (
	// LexiconAuto learns a lexicon when most training texts have spaces
	// between Chinese characters, i.e. look word-segmented.
	LexiconAuto LexiconMode = iota
	// LexiconOff never learns one: n-grams stay within runs of letters
	// and digits between whitespace and punctuation.
	LexiconOff
	// LexiconOn always learns one from the whitespace-separated tokens.
	LexiconOn
)

// DefaultOptions returns settings measured to work well on hotline
// messages: char 1-3 grams seen in at least 2 texts, C=1, 3 folds for
// calibration, and a lexicon when the training text is segmented.
func DefaultOptions() Options {
	return Options{
		Seed:        1,
		Epochs:      30,
		C:           1,
		MinN:        1,
		MaxN:        3,
		MinDF:       2,
		MaxFeatures: 200_000,
		CalibFolds:  3,
	}
}

// Validate reports the first option that Train cannot use, so callers can
// check flags before they load data.
func (o Options) Validate() error {
	switch {
	case o.Epochs < 1:
		return fmt.Errorf("epochs must be at least 1, got %d", o.Epochs)
	case !(o.C > 0):
		return fmt.Errorf("C must be positive, got %v", o.C)
	case o.MinN < 1 || o.MaxN < o.MinN || o.MaxN > maxGram:
		return fmt.Errorf("n-gram range %d..%d must lie within 1..%d", o.MinN, o.MaxN, maxGram)
	case o.MinDF < 1:
		return fmt.Errorf("min-df must be at least 1, got %d", o.MinDF)
	case o.Lexicon < LexiconAuto || o.Lexicon > LexiconOn:
		return fmt.Errorf("unknown lexicon mode %d", o.Lexicon)
	case o.MaxFeatures < 0 || o.Workers < 0:
		return errors.New("max-features and workers must not be negative")
	}
	return nil
}

// maxGram is the longest n-gram Train accepts.
const maxGram = 5

// maxLabelLen is the longest label, in bytes, a model file holds.
const maxLabelLen = 1 << 16

// Model is a trained classifier. It is immutable once built, so one Model
// may serve Predict from many goroutines.
type Model struct {
	labels []string
	minN   int
	maxN   int
	lex    *lexicon // nil unless trained on word-segmented text
	keys   []uint64 // n-gram keys, ascending; feature id = position
	index  map[uint64]int32
	idf    []float32
	w      []float32 // feature-major: w[id*K+k]
	bias   []float32 // one per class
	scale  float64   // softmax inverse temperature over margins
}

// Labels returns the model's classes in their fixed (sorted) order, which
// is also the order of rows and columns in a Report.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// NumFeatures returns the number of n-grams the model knows, a measure of
// its size.
func (m *Model) NumFeatures() int { return len(m.keys) }
