package acc

import (
	"context"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	js := []byte("[" + chainOf(MaxConditions) + "]")
	b.SetBytes(int64(len(js)))
	for b.Loop() {
		if _, err := Parse(EVMBasic, js); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluateCachedBalance(b *testing.B) {
	_, _, env := world()
	env.Cache = NewCache(64)
	c := mustParse(b, EVMBasic, "["+balance(">", "0")+"]")
	for b.Loop() {
		if res, err := Evaluate(context.Background(), c, env); err != nil || !res.OK {
			b.Fatal(res, err)
		}
	}
}
