package insight

// Score is a whole-number percentage that may be absent: OK is false when
// there is nothing to compute it from (no answers, no invitations). An
// absent score is never shown as 0.
type Score struct {
	Value int
	OK    bool
}

// Percent returns round(100 × part / whole), rounded half up in exact
// integer arithmetic. It is absent when whole is not positive, and for
// impossible counts (part negative or above whole), so that a bad count
// shows as missing rather than as a misleading number.
func Percent(part, whole int) Score {
	if whole <= 0 || part < 0 || part > whole {
		return Score{}
	}
	// floor(100p/w + 1/2) = floor((200p + w) / 2w) for non-negative p, w.
	return Score{Value: (200*part + whole) / (2 * whole), OK: true}
}

// PriorityShare is the percentage of a group's respondents who picked the
// driver among their top three. respondents counts every submitted
// response of the group, including those that picked no driver at all.
func PriorityShare(picked, respondents int) Score {
	return Percent(picked, respondents)
}

// Participation is submitted responses as a percentage of invited people,
// for a team or for the whole snapshot. Count both from the same
// invitations (the team an invitation was sent to and whether it was
// submitted), so submitted never exceeds invited; with no invitations
// there is no participation.
func Participation(submitted, invited int) Score {
	return Percent(submitted, invited)
}
