// The probe agent: one process that listens and connects inside the lab's network namespaces.
// A socket keeps the network namespace it was created in, so the agent enters a namespace only to
// create a socket (on a goroutine locked to its own OS thread, which dies with it), and serves or
// probes from there. Requests and answers are JSON lines on stdin/stdout:
//
//	{"op":"listen","id":1,"netns":"lab-p1","name":"shop/web","addrs":["10.244.1.1"],"tcp":[80],"udp":[53]}
//	{"op":"close","id":2,"netns":"lab-p1"}
//	{"op":"probe","id":3,"timeoutMs":1000,"probes":[{"netns":"lab-p2","source":"","ip":"10.244.1.1","port":80,"protocol":"TCP"}]}
//
// Every request gets one answer: {"id":1,"error":""} or {"id":3,"results":[{"result":"allowed","reply":"shop/web"}]}.
// A probe's result is "allowed" (a TCP connection was established, a UDP datagram was answered) or
// "denied" (refused, unreachable or timed out); "reply" is what the listener answered (its name).
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

type agentRequest struct {
	Op        string       `json:"op"`
	ID        int          `json:"id"`
	Netns     string       `json:"netns"`
	Name      string       `json:"name"`
	Addrs     []string     `json:"addrs"`
	TCP       []int        `json:"tcp"`
	UDP       []int        `json:"udp"`
	TimeoutMs int          `json:"timeoutMs"`
	Probes    []agentProbe `json:"probes"`
}

type agentProbe struct {
	Netns    string `json:"netns"`
	Source   string `json:"source"`
	IP       string `json:"ip"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
}

type agentResult struct {
	Result string `json:"result"`
	Reply  string `json:"reply,omitempty"`
	Detail string `json:"detail,omitempty"`
}

type agentAnswer struct {
	ID      int           `json:"id"`
	Error   string        `json:"error,omitempty"`
	Results []agentResult `json:"results,omitempty"`
}

// inNetns runs fn on a fresh OS thread that has entered the named network namespace. The goroutine
// never unlocks its thread, so the Go runtime ends the thread with it and no other goroutine ever
// runs in that namespace by accident.
func inNetns(name string, fn func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if name != "" {
			f, err := os.Open("/var/run/netns/" + name)
			if err != nil {
				done <- err
				return
			}
			err = unix.Setns(int(f.Fd()), unix.CLONE_NEWNET)
			f.Close()
			if err != nil {
				done <- fmt.Errorf("setns %s: %v", name, err)
				return
			}
		}
		done <- fn()
	}()
	return <-done
}

type listenerSet struct {
	mu      sync.Mutex
	byNetns map[string][]io.Closer
}

func (s *listenerSet) add(netns string, c io.Closer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byNetns[netns] = append(s.byNetns[netns], c)
}

func (s *listenerSet) closeNetns(netns string) {
	s.mu.Lock()
	cs := s.byNetns[netns]
	delete(s.byNetns, netns)
	s.mu.Unlock()
	for _, c := range cs {
		c.Close()
	}
}

func listen(set *listenerSet, req agentRequest) error {
	addrs := req.Addrs
	if len(addrs) == 0 {
		addrs = []string{"0.0.0.0"}
	}
	reply := []byte(req.Name + "\n")
	return inNetns(req.Netns, func() error {
		for _, addr := range addrs {
			for _, port := range req.TCP {
				l, err := net.Listen("tcp4", net.JoinHostPort(addr, strconv.Itoa(port)))
				if err != nil {
					return err
				}
				set.add(req.Netns, l)
				go serveTCP(l, reply)
			}
			for _, port := range req.UDP {
				c, err := net.ListenPacket("udp4", net.JoinHostPort(addr, strconv.Itoa(port)))
				if err != nil {
					return err
				}
				set.add(req.Netns, c)
				go serveUDP(c, reply)
			}
		}
		return nil
	})
}

func serveTCP(l net.Listener, reply []byte) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			c.SetDeadline(time.Now().Add(5 * time.Second))
			c.Write(reply)
			c.Close()
		}()
	}
}

func serveUDP(c net.PacketConn, reply []byte) {
	buf := make([]byte, 1500)
	for {
		_, from, err := c.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		c.WriteTo(reply, from)
	}
}

func probeOne(p agentProbe, timeout time.Duration) agentResult {
	var res agentResult
	err := inNetns(p.Netns, func() error {
		target := net.JoinHostPort(p.IP, strconv.Itoa(p.Port))
		switch strings.ToUpper(p.Protocol) {
		case "TCP":
			d := net.Dialer{Timeout: timeout}
			if p.Source != "" {
				d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(p.Source)}
			}
			c, err := d.Dial("tcp4", target)
			if err != nil {
				res = agentResult{Result: "denied", Detail: err.Error()}
				return nil
			}
			defer c.Close()
			c.SetReadDeadline(time.Now().Add(timeout))
			line, _ := bufio.NewReader(c).ReadString('\n')
			res = agentResult{Result: "allowed", Reply: strings.TrimSpace(line)}
		case "UDP":
			d := net.Dialer{}
			if p.Source != "" {
				d.LocalAddr = &net.UDPAddr{IP: net.ParseIP(p.Source)}
			}
			c, err := d.Dial("udp4", target)
			if err != nil {
				res = agentResult{Result: "denied", Detail: err.Error()}
				return nil
			}
			defer c.Close()
			// Two datagrams half a timeout apart, so one lost datagram is not taken for a denial.
			deadline := time.Now().Add(timeout)
			buf := make([]byte, 1500)
			for attempt := 0; attempt < 2; attempt++ {
				if _, err := c.Write([]byte("probe")); err != nil {
					res = agentResult{Result: "denied", Detail: err.Error()}
					return nil
				}
				wait := time.Now().Add(timeout / 2)
				if attempt == 1 {
					wait = deadline
				}
				c.SetReadDeadline(wait)
				n, err := c.Read(buf)
				if err == nil {
					res = agentResult{Result: "allowed", Reply: strings.TrimSpace(string(buf[:n]))}
					return nil
				}
				var ne net.Error
				if !(errors.As(err, &ne) && ne.Timeout()) {
					res = agentResult{Result: "denied", Detail: err.Error()}
					return nil
				}
			}
			res = agentResult{Result: "denied", Detail: "timeout"}
		default:
			res = agentResult{Result: "error", Detail: "unsupported protocol " + p.Protocol}
		}
		return nil
	})
	if err != nil {
		return agentResult{Result: "error", Detail: err.Error()}
	}
	return res
}

func probeAll(req agentRequest) []agentResult {
	timeout := time.Duration(req.TimeoutMs) * time.Millisecond
	if timeout <= 0 {
		timeout = time.Second
	}
	results := make([]agentResult, len(req.Probes))
	sem := make(chan struct{}, 256)
	var wg sync.WaitGroup
	for i, p := range req.Probes {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, p agentProbe) {
			defer wg.Done()
			results[i] = probeOne(p, timeout)
			<-sem
		}(i, p)
	}
	wg.Wait()
	return results
}

func runAgent() error {
	set := &listenerSet{byNetns: map[string][]io.Closer{}}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var req agentRequest
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			out.Encode(agentAnswer{ID: -1, Error: "bad request: " + err.Error()})
			continue
		}
		ans := agentAnswer{ID: req.ID}
		switch req.Op {
		case "listen":
			if err := listen(set, req); err != nil {
				set.closeNetns(req.Netns)
				ans.Error = err.Error()
			}
		case "close":
			set.closeNetns(req.Netns)
		case "probe":
			ans.Results = probeAll(req)
		default:
			ans.Error = "unknown op " + req.Op
		}
		if err := out.Encode(ans); err != nil {
			return err
		}
	}
	return in.Err()
}
