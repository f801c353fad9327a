package sandbox

import (
	"container/heap"
	"context"
	"sync"
	"time"
)

// loop is the sandbox's event loop. It runs on the goroutine that called Run: timers and
// jobs posted by host-call goroutines are executed there, one at a time. A script is
// finished when no timer, no reserved host call and no posted job is left.
//
// Only post and the fields under mu may be used from other goroutines.
type loop struct {
	mu    sync.Mutex
	queue []func()
	gen   uint64 // bumped by reset; posts from an older generation are dropped
	wake  chan struct{}

	// Loop goroutine only.
	timers   timerHeap
	byID     map[int64]*timer
	nextID   int64
	seq      uint64
	reserved int
	started  int // timers and host calls started since reset, cleared or not
	refs     int // timers that keep the script alive (all but unref'd ones)
}

type timer struct {
	id       int64
	when     time.Time
	seq      uint64
	interval time.Duration
	repeat   bool
	unref    bool // does not keep the script alive (Node's timer.unref())
	fn       func()
	index    int
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when.Equal(h[j].when) {
		return h[i].seq < h[j].seq
	}
	return h[i].when.Before(h[j].when)
}
func (h timerHeap) Swap(i, j int)    { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *timerHeap) Push(x any)      { t := x.(*timer); t.index = len(*h); *h = append(*h, t) }
func (h *timerHeap) Pop() any        { old := *h; t := old[len(old)-1]; *h = old[:len(old)-1]; return t }
func (h timerHeap) peek() *timer     { return h[0] }
func (h timerHeap) empty() bool      { return len(h) == 0 }
func (h *timerHeap) remove(t *timer) { heap.Remove(h, t.index) }

func newLoop() *loop {
	return &loop{wake: make(chan struct{}, 1), byID: map[int64]*timer{}}
}

// reset forgets all timers, reservations and queued jobs, and makes late posts of earlier
// host calls no-ops. Called before each script.
func (l *loop) reset() {
	l.mu.Lock()
	l.gen++
	l.queue = nil
	l.mu.Unlock()
	l.timers = l.timers[:0]
	clear(l.byID)
	l.reserved = 0
	l.started = 0
	l.refs = 0
}

// generation returns the current generation, to be passed to post.
func (l *loop) generation() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.gen
}

// post queues fn to run on the loop goroutine; it is dropped if the loop was reset since gen
// was taken. Safe for concurrent use.
func (l *loop) post(gen uint64, fn func()) {
	l.mu.Lock()
	if gen != l.gen {
		l.mu.Unlock()
		return
	}
	l.queue = append(l.queue, fn)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// reserve marks a host call in flight: the loop does not finish until the matching job,
// posted with post, calls release.
func (l *loop) reserve() { l.reserved++; l.started++ }

func (l *loop) release() {
	if l.reserved > 0 {
		l.reserved--
	}
}

// addTimer schedules fn after d (repeating every d when repeat) and returns its id.
func (l *loop) addTimer(d time.Duration, repeat bool, fn func()) int64 {
	return l.schedule(d, repeat, false, fn)
}

// addUnrefTimer schedules fn after d without keeping the script alive for it: if the
// script has nothing else left, it ends and fn never runs (AbortSignal.timeout).
func (l *loop) addUnrefTimer(d time.Duration, fn func()) int64 {
	return l.schedule(d, false, true, fn)
}

func (l *loop) schedule(d time.Duration, repeat, unref bool, fn func()) int64 {
	if d < 0 {
		d = 0
	}
	l.nextID++
	l.seq++
	l.started++
	t := &timer{id: l.nextID, when: time.Now().Add(d), seq: l.seq, interval: d, repeat: repeat, unref: unref, fn: fn}
	heap.Push(&l.timers, t)
	l.byID[t.id] = t
	if !unref {
		l.refs++
	}
	return t.id
}

func (l *loop) clearTimer(id int64) {
	t, ok := l.byID[id]
	if !ok {
		return
	}
	delete(l.byID, id)
	l.timers.remove(t)
	if !t.unref {
		l.refs--
	}
}

func (l *loop) takeQueue() []func() {
	l.mu.Lock()
	q := l.queue
	l.queue = nil
	l.mu.Unlock()
	return q
}

// run executes jobs and due timers until nothing is left, stop returns true after a job,
// or ctx is done (then ctx.Err() is returned).
func (l *loop) run(ctx context.Context, stop func() bool) error {
	var wait *time.Timer
	defer func() {
		if wait != nil {
			wait.Stop()
		}
	}()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, job := range l.takeQueue() {
			job()
			if stop() {
				return nil
			}
		}
		ran := false
		now := time.Now()
		for !l.timers.empty() && !l.timers.peek().when.After(now) {
			t := heap.Pop(&l.timers).(*timer)
			if t.repeat {
				l.seq++
				t.when, t.seq = now.Add(max(t.interval, time.Millisecond)), l.seq
				heap.Push(&l.timers, t)
			} else {
				delete(l.byID, t.id)
				if !t.unref {
					l.refs--
				}
			}
			t.fn()
			ran = true
			if stop() {
				return nil
			}
			break // re-check posted jobs between timers, like Node's phases
		}
		if ran {
			continue
		}
		l.mu.Lock()
		queued := len(l.queue)
		l.mu.Unlock()
		if queued > 0 {
			continue
		}
		if l.refs == 0 && l.reserved == 0 {
			return nil
		}
		var timerC <-chan time.Time
		if !l.timers.empty() {
			d := time.Until(l.timers.peek().when)
			if wait == nil {
				wait = time.NewTimer(d)
			} else {
				wait.Reset(d)
			}
			timerC = wait.C
		}
		select {
		case <-l.wake:
		case <-timerC:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
