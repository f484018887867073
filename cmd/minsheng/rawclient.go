package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
)

// rawClient is a lean HTTP/1.1 keep-alive client for the intake benchmark,
// in the spirit of wrk: one connection, requests written whole, responses
// read by status line and Content-Length. net/http's client costs about as
// much CPU as the server's handler, and on a two-core machine that would
// measure the client more than the server.
type rawClient struct {
	addr, token string
	conn        net.Conn
	r           *bufio.Reader
	tp          *textproto.Reader
}

func (c *rawClient) close() {
	if c.conn != nil {
		c.conn.Close()
	}
}

// postCase sends one intake request and reports whether it got a 201.
// A broken connection is redialled on the next call.
func (c *rawClient) postCase(body []byte) bool {
	if c.conn == nil {
		conn, err := net.Dial("tcp", c.addr)
		if err != nil {
			return false
		}
		c.conn, c.r = conn, bufio.NewReaderSize(conn, 16<<10)
		c.tp = textproto.NewReader(c.r)
	}
	req := fmt.Sprintf("POST /api/v1/cases HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
		c.addr, c.token, len(body))
	if _, err := c.conn.Write(append([]byte(req), body...)); err != nil {
		c.reset()
		return false
	}
	status, err := c.tp.ReadLine()
	if err != nil {
		c.reset()
		return false
	}
	hdr, err := c.tp.ReadMIMEHeader()
	if err != nil {
		c.reset()
		return false
	}
	n, err := strconv.Atoi(hdr.Get("Content-Length"))
	if err != nil {
		c.reset() // chunked or missing length: not what the server sends here
		return false
	}
	if _, err := io.CopyN(io.Discard, c.r, int64(n)); err != nil {
		c.reset()
		return false
	}
	return strings.HasPrefix(status, "HTTP/1.1 201")
}

func (c *rawClient) reset() {
	c.close()
	c.conn = nil
}
