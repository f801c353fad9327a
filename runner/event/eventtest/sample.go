package eventtest

import (
	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// Sample is a canned run of four items per iteration:
//
//	List users     (root)  console line in pre-request; 2 passing + 1 skipped assertion
//	Accounts / Create account  warning; 1 passing + 1 failing assertion; test script TypeError
//	Accounts / Get account     request error ECONNREFUSED; 1 passing assertion
//	Skipped        (root)  pre-request only (skips its request)
func Sample(iterations int) *Builder {
	list := Req("i-list", "List users", "GET", "http://127.0.0.1:1/users")
	create := Req("i-create", "Create account", "POST", "http://127.0.0.1:1/accounts")
	get := Req("i-get", "Get account", "GET", "http://127.0.0.1:9/accounts/1")
	skipped := Req("i-skip", "Skipped", "GET", "http://127.0.0.1:1/skip")
	coll := Collection("Sample API", list, Folder("f-acc", "Accounts", create, get), skipped)

	b := New(coll, iterations, 4)
	for i := range iterations {
		b.Iteration(i, func() { sampleIteration(b, list, create, get, skipped) })
	}
	b.Done(nil)
	return b
}

func sampleIteration(b *Builder, list, create, get, skipped *collections.Item) {
	b.Item(0, list, func() {
		b.Prerequest(func() {
			b.Script("prerequest", func() { b.Console("log", "listing users") }, nil)
		})
		b.Request(Get("http://127.0.0.1:1/users?page=1"), OK(`{"users":[]}`, 12), nil)
		b.Test(func() {
			b.Script("test", func() {
				b.Pass("status is 200")
				b.Pass("has users")
				b.Skip("pagination")
			}, nil)
		})
	})
	b.Item(1, create, func() {
		b.Prerequest(func() {})
		b.Warning("unknown auth type \"weird\" ignored")
		req := &event.HTTPRequest{ID: "r2", Method: "POST", URL: "http://127.0.0.1:1/accounts",
			Headers: []collections.Header{{Key: "Content-Type", Value: "application/json"}},
			Body:    []byte(`{"name":"a"}`)}
		resp := OK(`{"id":1}`, 30)
		resp.Code, resp.Status = 201, "Created"
		b.Request(req, resp, nil)
		b.Test(func() {
			b.Script("test", func() {
				b.Pass("created")
				b.Fail("status is 200", "expected response to have status code 200 but got 201")
			}, &event.Error{Name: "TypeError", Message: "Cannot read properties of undefined (reading 'id')",
				Line: 3, Column: 7})
		})
	})
	b.Item(2, get, func() {
		b.Prerequest(func() {})
		b.Request(Get("http://127.0.0.1:9/accounts/1"), nil,
			&event.Error{Name: "Error", Message: "connect ECONNREFUSED 127.0.0.1:9", Code: "ECONNREFUSED"})
		b.Test(func() {
			b.Script("test", func() { b.Pass("runs after error") }, nil)
		})
	})
	b.Item(3, skipped, func() {
		b.Prerequest(func() {
			b.Script("prerequest", nil, nil)
		})
	})
}
