package lifecycle

import (
	"testing"

	"minsheng"
)

// TestActionOnEveryCaseMeansReadingEveryCase guards the store's rule that an
// action granted on every case skips the read-scope check (the citizen's
// rating, made with a tracking code and no read scope): a staff role
// granted an action on every case must read every case too, or that rule
// would let it act on cases it cannot see.
func TestActionOnEveryCaseMeansReadingEveryCase(t *testing.T) {
	for _, r := range minsheng.Roles {
		for _, a := range Actions() {
			if minsheng.Permit(r, minsheng.CaseOp(string(a))) == minsheng.ScopeAll && minsheng.Permit(r, minsheng.OpCaseRead) != minsheng.ScopeAll {
				t.Errorf("%s may %s every case but reads only some", r, a)
			}
		}
	}
}
