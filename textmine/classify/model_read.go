package classify

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
)

// checkReader reads through a checksum.
type checkReader struct {
	r   *bufio.Reader
	crc hash.Hash32
}

func (c *checkReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.crc.Write(p[:n])
	return n, err
}

func (c *checkReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.crc.Write([]byte{b})
	}
	return b, err
}

// full reads exactly n bytes.
func (c *checkReader) full(n int) ([]byte, error) {
	b := make([]byte, n)
	_, err := io.ReadFull(c, b)
	return b, noEOF(err)
}

// count reads a uvarint and checks it against limit.
func (c *checkReader) count(what string, limit uint64) (int, error) {
	v, err := binary.ReadUvarint(c)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, noEOF(err))
	}
	if v > limit {
		return 0, fmt.Errorf("%s %d exceeds %d", what, v, limit)
	}
	return int(v), nil
}

// floats reads n little-endian float32 values.
func (c *checkReader) floats(n int) ([]float32, error) {
	out := make([]float32, n)
	buf := make([]byte, 4096)
	for i := 0; i < n; {
		chunk := min(n-i, len(buf)/4)
		if _, err := io.ReadFull(c, buf[:chunk*4]); err != nil {
			return nil, noEOF(err)
		}
		for j := range chunk {
			out[i+j] = math.Float32frombits(binary.LittleEndian.Uint32(buf[j*4:]))
		}
		i += chunk
	}
	return out, nil
}

// deltas reads n strictly ascending keys stored as differences.
func (c *checkReader) deltas(n int) ([]uint64, error) {
	keys := make([]uint64, n)
	var prev uint64
	for i := range n {
		delta, err := binary.ReadUvarint(c)
		if err != nil {
			return nil, noEOF(err)
		}
		if i > 0 && delta == 0 {
			return nil, errors.New("keys not ascending")
		}
		prev += delta
		keys[i] = prev
	}
	return keys, nil
}

// readLexicon reads the optional lexicon section.
func (m *Model) readLexicon(c *checkReader) error {
	n, err := c.count("word count", maxFeatures)
	if err != nil || n == 0 {
		return err
	}
	maxLen, err := c.ReadByte()
	if err != nil {
		return noEOF(err)
	}
	if maxLen < 1 || maxLen > maxWordLen {
		return fmt.Errorf("bad longest word %d", maxLen)
	}
	oov, err := c.floats(1)
	if err != nil {
		return err
	}
	hashes, err := c.deltas(n)
	if err != nil {
		return err
	}
	logp, err := c.floats(n)
	if err != nil {
		return err
	}
	m.lex = &lexicon{logp: make(map[uint64]float32, n), oov: oov[0], maxLen: int(maxLen)}
	for i, h := range hashes {
		m.lex.logp[h] = logp[i]
	}
	return nil
}

// noEOF reports a premature end of input as such.
func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readModel parses the format described at modelMagic.
func readModel(r io.Reader) (*Model, error) {
	c := &checkReader{r: bufio.NewReaderSize(r, 1<<16), crc: crc32.NewIEEE()}
	head, err := c.full(len(modelMagic) + 2 + 2 + 8)
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if string(head[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("not a classifier model (bad magic)")
	}
	head = head[len(modelMagic):]
	if v := binary.LittleEndian.Uint16(head); v != modelVersion {
		return nil, fmt.Errorf("unsupported model version %d (want %d)", v, modelVersion)
	}
	m := &Model{minN: int(head[2]), maxN: int(head[3])}
	m.scale = math.Float64frombits(binary.LittleEndian.Uint64(head[4:]))
	if m.minN < 1 || m.maxN < m.minN || m.maxN > maxGram || !(m.scale > 0) {
		return nil, errors.New("corrupt header")
	}
	if err := m.readBody(c); err != nil {
		return nil, err
	}
	sum := c.crc.Sum32()
	tail, err := c.full(4)
	if err != nil {
		return nil, fmt.Errorf("checksum: %w", err)
	}
	if binary.LittleEndian.Uint32(tail) != sum {
		return nil, errors.New("checksum mismatch: file is corrupt")
	}
	m.buildIndex()
	return m, nil
}

// readBody reads labels, keys and weights.
func (m *Model) readBody(c *checkReader) error {
	k, err := c.count("label count", maxLabels)
	if err != nil {
		return err
	}
	for range k {
		n, err := c.count("label length", maxLabelLen)
		if err != nil {
			return err
		}
		b, err := c.full(n)
		if err != nil {
			return fmt.Errorf("label: %w", err)
		}
		m.labels = append(m.labels, string(b))
	}
	if err := m.readLexicon(c); err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	d, err := c.count("feature count", maxFeatures)
	if err != nil {
		return err
	}
	if uint64(d)*uint64(k) > maxWeights {
		return fmt.Errorf("%d features × %d labels is too large", d, k)
	}
	if m.keys, err = c.deltas(d); err != nil {
		return fmt.Errorf("features: %w", err)
	}
	if m.idf, err = c.floats(d); err == nil {
		if m.w, err = c.floats(d * k); err == nil {
			m.bias, err = c.floats(k)
		}
	}
	if err != nil {
		return fmt.Errorf("weights: %w", err)
	}
	return nil
}
