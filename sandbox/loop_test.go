package sandbox

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestLoopOrderAndReservations(t *testing.T) {
	t.Parallel()
	l := newLoop()
	var got []string
	t2fired := make(chan struct{})
	l.addTimer(2*time.Millisecond, false, func() { got = append(got, "t2"); close(t2fired) })
	l.addTimer(0, false, func() { got = append(got, "t0a") })
	l.addTimer(0, false, func() { got = append(got, "t0b") })
	cancelled := l.addTimer(time.Millisecond, false, func() { got = append(got, "cancelled") })
	l.clearTimer(cancelled)
	l.reserve()
	gen := l.generation()
	go func() {
		// The reservation keeps the loop alive after its timers are done; the post comes
		// only once the last timer ran, so the order below is deterministic.
		<-t2fired
		l.post(gen, func() { l.release(); got = append(got, "posted") })
	}()
	if err := l.run(context.Background(), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	want := []string{"t0a", "t0b", "t2", "posted"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order %q, want %q", got, want)
	}
}

func TestLoopDropsStalePosts(t *testing.T) {
	t.Parallel()
	l := newLoop()
	gen := l.generation()
	l.reset()
	ran := false
	l.post(gen, func() { ran = true })
	if err := l.run(context.Background(), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	if ran {
		t.Fatal("a post from before reset ran")
	}
}

func TestLoopStopsOnContext(t *testing.T) {
	t.Parallel()
	l := newLoop()
	l.addTimer(time.Hour, false, func() {})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := l.run(ctx, func() bool { return false }); err == nil {
		t.Fatal("run returned without error")
	}
}

func TestLoopInterval(t *testing.T) {
	t.Parallel()
	l := newLoop()
	n := 0
	var id int64
	id = l.addTimer(time.Millisecond, true, func() {
		n++
		if n == 3 {
			l.clearTimer(id)
		}
	})
	if err := l.run(context.Background(), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("ticks = %d", n)
	}
}

// TestLoopUnrefTimer: an unref'd timer runs while the loop has other work, and does not
// keep it running (else run would wait an hour here).
func TestLoopUnrefTimer(t *testing.T) {
	l := newLoop()
	var ran []string
	l.addUnrefTimer(time.Millisecond, func() { ran = append(ran, "unref") })
	l.addTimer(20*time.Millisecond, false, func() { ran = append(ran, "ref") })
	l.addUnrefTimer(time.Hour, func() { ran = append(ran, "never") })
	if err := l.run(context.Background(), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"unref", "ref"}; !reflect.DeepEqual(ran, want) {
		t.Errorf("ran %v, want %v", ran, want)
	}
}
