// Command startup measures how long `privacyregister serve` takes from
// exec to its first 200 on GET /healthz, and its memory (VmRSS) after it
// has idled, beside a bare net/http server on the same SQLite database
// (scripts/healthz-baseline). Linux only (/proc). Run it through
// scripts/startup.sh, which builds both programs first:
//
//	bash scripts/startup.sh [RUNS]
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	pr := flag.String("privacyregister", "", "the privacyregister binary")
	bare := flag.String("bare", "", "the healthz-baseline binary")
	runs := flag.Int("runs", 5, "runs; the medians are printed")
	idle := flag.Duration("idle", 3*time.Second, "how long each server idles before its memory is read")
	flag.Parse()
	if *pr == "" || *bare == "" {
		log.Fatal("give --privacyregister and --bare")
	}
	work, err := os.MkdirTemp("", "startup")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	res := map[string][][2]float64{}
	for i := range *runs {
		data := filepath.Join(work, "data"+strconv.Itoa(i))
		// first: a fresh data directory (creates and migrates the schema);
		// serve: an ordinary start on that database; bare: the baseline.
		for _, r := range []struct {
			name string
			cmd  func(addr string) []string
		}{
			{"first", func(addr string) []string { return []string{*pr, "serve", "--data", data, "--addr", addr} }},
			{"serve", func(addr string) []string { return []string{*pr, "serve", "--data", data, "--addr", addr} }},
			{"bare", func(addr string) []string { return []string{*bare, "--data", data, "--addr", addr} }},
		} {
			ms, rss, err := measure(r.cmd, *idle)
			if err != nil {
				log.Fatalf("%s: %v", r.name, err)
			}
			res[r.name] = append(res[r.name], [2]float64{ms, rss})
		}
	}
	med := func(name string, k int) float64 {
		var v []float64
		for _, r := range res[name] {
			v = append(v, r[k])
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	fmt.Printf("%-8s%28s%20s   (median of %d)\n", "", "start to /healthz 200 (ms)", "idle VmRSS (MiB)", *runs)
	for _, n := range []string{"first", "serve", "bare"} {
		fmt.Printf("%-8s%28.1f%20.1f\n", n, med(n, 0), med(n, 1))
	}
	fmt.Printf("serve/bare: start %.1fx, memory %.1fx\n", med("serve", 0)/med("bare", 0), med("serve", 1)/med("bare", 1))
}

// measure starts the program on a free port, polls /healthz every
// millisecond until it answers 200, lets it idle and reads its VmRSS.
func measure(args func(addr string) []string, idle time.Duration) (ms, rssMiB float64, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, err
	}
	addr := ln.Addr().String()
	ln.Close()
	a := args(addr)
	cmd := exec.Command(a[0], a[1:]...)
	cmd.Env = append(os.Environ(), "PRIVACYREGISTER_DB=")
	client := &http.Client{Timeout: time.Second}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	for {
		res, err := client.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(t0) > 30*time.Second {
			return 0, 0, fmt.Errorf("no 200 on /healthz after 30 s (%v)", err)
		}
		time.Sleep(time.Millisecond)
	}
	ms = float64(time.Since(t0).Microseconds()) / 1000
	time.Sleep(idle)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kib, _ := strconv.ParseFloat(f[1], 64)
			return ms, kib / 1024, nil
		}
	}
	return 0, 0, fmt.Errorf("no VmRSS in /proc/%d/status", cmd.Process.Pid)
}
