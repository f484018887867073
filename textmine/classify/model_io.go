package classify

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"slices"
)

// File format, all integers little-endian or unsigned varints:
//
//	magic "MSCLASS\x00", version uint16
//	minN, maxN byte; scale float64
//	K; K × (len, label bytes)
//	L lexicon words (0: none); if L > 0: maxLen byte, oov float32,
//	L word hashes as ascending deltas, L log-probabilities float32
//	D; D keys as ascending deltas
//	D idf float32; D×K weights float32 (feature-major); K biases float32
//	CRC-32 (IEEE) of everything before it, uint32
const (
	modelMagic   = "MSCLASS\x00"
	modelVersion = 1
	maxLabels    = 1 << 20
	maxFeatures  = 1 << 28
	maxWeights   = 1 << 30
)

// countWriter counts bytes and checksums them on their way to w.
type countWriter struct {
	w   *bufio.Writer
	n   int64
	crc hash.Hash32
	buf []byte
	err error
}

// put writes p unless an earlier write failed.
func (c *countWriter) put(p []byte) {
	if c.err != nil {
		return
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.crc.Write(p[:n])
	c.err = err
}

func (c *countWriter) uvarint(v uint64) { c.put(binary.AppendUvarint(c.buf[:0], v)) }

func (c *countWriter) floats(v []float32) {
	for len(v) > 0 && c.err == nil {
		b := c.buf[:0]
		for len(v) > 0 && len(b) < 4096 {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v[0]))
			v = v[1:]
		}
		c.put(b)
	}
}

// deltas writes ascending keys as differences from their predecessor.
func (c *countWriter) deltas(keys []uint64) {
	var prev uint64
	for _, k := range keys {
		c.uvarint(k - prev)
		prev = k
	}
}

// writeLexicon writes the lexicon section, in hash order so the bytes do
// not depend on map iteration.
func (m *Model) writeLexicon(c *countWriter) {
	if m.lex == nil {
		c.uvarint(0)
		return
	}
	hashes := slices.Sorted(maps.Keys(m.lex.logp))
	c.uvarint(uint64(len(hashes)))
	c.put([]byte{byte(m.lex.maxLen)})
	logp := make([]float32, len(hashes))
	for i, h := range hashes {
		logp[i] = m.lex.logp[h]
	}
	c.floats([]float32{m.lex.oov})
	c.deltas(hashes)
	c.floats(logp)
}

// WriteTo writes the model in a compact, versioned binary form with a
// checksum. The same model always yields the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	c := &countWriter{w: bufio.NewWriterSize(w, 1<<16), crc: crc32.NewIEEE(), buf: make([]byte, 0, 4200)}
	c.put([]byte(modelMagic))
	c.put(binary.LittleEndian.AppendUint16(nil, modelVersion))
	c.put([]byte{byte(m.minN), byte(m.maxN)})
	c.put(binary.LittleEndian.AppendUint64(nil, math.Float64bits(m.scale)))
	c.uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		c.uvarint(uint64(len(l)))
		c.put([]byte(l))
	}
	m.writeLexicon(c)
	c.uvarint(uint64(len(m.keys)))
	c.deltas(m.keys)
	c.floats(m.idf)
	c.floats(m.w)
	c.floats(m.bias)
	c.put(binary.LittleEndian.AppendUint32(nil, c.crc.Sum32()))
	if c.err == nil {
		c.err = c.w.Flush()
	}
	if c.err != nil {
		return c.n, fmt.Errorf("write model: %w", c.err)
	}
	return c.n, nil
}

// Read loads a model written by WriteTo, checking its version and checksum.
func Read(r io.Reader) (*Model, error) {
	m, err := readModel(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return m, nil
}
