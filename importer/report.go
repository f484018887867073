package importer

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Print writes the report for a person: what was read how, what would be
// or was written, and each rejected row with its reason (at most listed of
// them; the count covers all).
func (r *Report) Print(w io.Writer, listed int) {
	fmt.Fprintf(w, "file: %s (%s)\nsource: %s, channel: %s\n", r.File, r.Format, r.Source, r.Channel)
	fmt.Fprintf(w, "mapping (%s): %s\n", r.MappingFrom, describe(r.Mapping))
	if len(r.Unmapped) > 0 {
		fmt.Fprintf(w, "columns not imported: %s\n", strings.Join(r.Unmapped, ", "))
	}
	fmt.Fprintf(w, "rows: %d, accepted: %d, rejected: %d\n", r.Rows, r.Accepted, r.Rejected)
	if len(r.UnknownCategories) > 0 {
		names := slices.Sorted(maps.Keys(r.UnknownCategories))
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf("%s (%d)", n, r.UnknownCategories[n]))
		}
		fmt.Fprintf(w, "categories not in the category tree, imported without a category: %s\n", strings.Join(parts, ", "))
	}
	if r.Rejected > 0 {
		fmt.Fprintln(w, "rejected rows:")
		for i, x := range r.Rejections {
			if i == listed {
				break
			}
			field := ""
			if x.Field != "" {
				field = x.Field + ": "
			}
			fmt.Fprintf(w, "  line %d: %s%s\n", x.Line, field, x.Reason)
		}
		if more := r.Rejected - min(listed, len(r.Rejections)); more > 0 {
			fmt.Fprintf(w, "  … and %d more\n", more)
		}
	}
	switch {
	case r.Committed:
		fmt.Fprintf(w, "written: %d new cases, %d already imported before (%.1f s)\n", r.Created, r.Known, r.Elapsed.Seconds())
	case r.Created > 0:
		fmt.Fprintf(w, "written before stopping: %d new cases\n", r.Created)
	default:
		fmt.Fprintf(w, "dry run: nothing written; add --commit to import the %d accepted rows (rows already imported are skipped)\n", r.Accepted)
	}
}
