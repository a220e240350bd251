// Package insight turns aggregated counts into the numbers every screen,
// export and summary shows: favorable scores, means and distributions,
// deltas with their significance and noise band, priority shares,
// participation, AI time saved, where a score sits among benchmark
// percentiles and the internal benchmark across teams, and the
// confidentiality rule that decides which groups may show them. It is
// pure arithmetic on counts that callers aggregate in SQL: no database,
// no I/O.
//
// The definitions follow docs/design.md.
//
// Rounding: every percentage is rounded half up (12.5 becomes 13) in exact
// integer arithmetic on the counts, so 1 of 8 is 13% on every screen and in
// every export. Compute percentages here rather than in SQL: PostgreSQL
// rounds floating-point values half to even and SQLite does not.
//
// Absence is explicit: a number that cannot be computed (no answers, no
// invitations) is a Score with OK false, never 0.
//
// Confidentiality: counts (responses, invitations, participation) may be
// shown for every group; every other number of a group, and its comments,
// only when the group is shown. Protect decides that for every group of a
// snapshot together; SuppressSegments protects rare combinations within
// one group of the admins' response file.
package insight
