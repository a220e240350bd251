package events

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// VerifyGitHub reports whether signature (the X-Hub-Signature-256 header,
// "sha256=<hex>") is the HMAC-SHA256 of body with secret. The comparison
// takes constant time; an empty secret verifies nothing.
func VerifyGitHub(secret, signature string, body []byte) bool {
	hexSig, ok := strings.CutPrefix(signature, "sha256=")
	if secret == "" || !ok {
		return false
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

type ghUser struct {
	Login string `json:"login"`
}

type ghRepo struct {
	Name     string `json:"name"`
	FullName string `json:"full_name"`
}

type ghPayload struct {
	Action      string `json:"action"`
	Repository  ghRepo `json:"repository"`
	Sender      ghUser `json:"sender"`
	PullRequest *struct {
		Number    int        `json:"number"`
		Merged    bool       `json:"merged"`
		HTMLURL   string     `json:"html_url"`
		User      ghUser     `json:"user"`
		Additions int        `json:"additions"`
		Deletions int        `json:"deletions"`
		CreatedAt time.Time  `json:"created_at"`
		MergedAt  *time.Time `json:"merged_at"`
		MergeSHA  string     `json:"merge_commit_sha"`
		Labels    []struct {
			Name string `json:"name"`
		} `json:"labels"`
		Base struct {
			Ref string `json:"ref"`
		} `json:"base"`
	} `json:"pull_request"`
	DeploymentStatus *struct {
		State     string    `json:"state"`
		CreatedAt time.Time `json:"created_at"`
		TargetURL string    `json:"target_url"`
	} `json:"deployment_status"`
	Deployment *struct {
		ID          int64     `json:"id"`
		SHA         string    `json:"sha"`
		Environment string    `json:"environment"`
		Creator     ghUser    `json:"creator"`
		CreatedAt   time.Time `json:"created_at"`
	} `json:"deployment"`
	WorkflowRun *struct {
		ID           int64     `json:"id"`
		Name         string    `json:"name"`
		Conclusion   string    `json:"conclusion"`
		HeadBranch   string    `json:"head_branch"`
		HeadSHA      string    `json:"head_sha"`
		HTMLURL      string    `json:"html_url"`
		RunStartedAt time.Time `json:"run_started_at"`
		UpdatedAt    time.Time `json:"updated_at"`
		Actor        ghUser    `json:"actor"`
	} `json:"workflow_run"`
}

// FromGitHub turns a webhook delivery into an event. ok is false for
// deliveries that make no event (other event kinds, a PR closed without
// merging, a deployment still in progress). The key is the delivery ID, so
// a redelivery counts once.
func FromGitHub(kind, delivery string, body []byte) (in Input, ok bool, err error) {
	var p ghPayload
	if err := json.Unmarshal(body, &p); err != nil {
		return Input{}, false, fmt.Errorf("events: github payload: %w", err)
	}
	in.Key = "github:" + delivery
	var ctx map[string]any
	switch {
	case kind == "pull_request" && p.Action == "closed" && p.PullRequest != nil && p.PullRequest.Merged:
		in, ctx = p.prMerged(in)
	case kind == "deployment_status" && p.DeploymentStatus != nil && p.Deployment != nil &&
		(p.DeploymentStatus.State == "success" || p.DeploymentStatus.State == "failure"):
		in, ctx = p.deployCompleted(in)
	case kind == "workflow_run" && p.Action == "completed" && p.WorkflowRun != nil:
		in, ctx = p.ciFinished(in)
	default:
		return Input{}, false, nil
	}
	b, err := json.Marshal(ctx)
	if err != nil {
		return Input{}, false, fmt.Errorf("events: github context: %w", err)
	}
	in.Context = b
	return in, true, nil
}

func (p ghPayload) prMerged(in Input) (Input, map[string]any) {
	pr := p.PullRequest
	labels := make([]string, 0, len(pr.Labels))
	for _, l := range pr.Labels {
		labels = append(labels, l.Name)
	}
	in.Type, in.Person = TypePRMerged, pr.User.Login
	ctx := map[string]any{
		"repository": p.Repository.FullName, "pr_number": pr.Number, "pr_url": pr.HTMLURL,
		"additions": pr.Additions, "deletions": pr.Deletions, "labels": labels,
		"base_branch": pr.Base.Ref, "commit": pr.MergeSHA, "opened_at": pr.CreatedAt.UTC().Format(time.RFC3339),
	}
	if pr.MergedAt != nil {
		in.OccurredAt = pr.MergedAt.UTC().Format(time.RFC3339)
		ctx["merged_at"] = in.OccurredAt
		ctx["lead_time_seconds"] = int64(pr.MergedAt.Sub(pr.CreatedAt).Seconds())
	}
	return in, ctx
}

func (p ghPayload) deployCompleted(in Input) (Input, map[string]any) {
	d, st := p.Deployment, p.DeploymentStatus
	in.Type, in.Person = TypeDeployCompleted, d.Creator.Login
	if in.Person == "" {
		in.Person = p.Sender.Login
	}
	in.OccurredAt = st.CreatedAt.UTC().Format(time.RFC3339)
	return in, map[string]any{
		"repository": p.Repository.FullName, "environment": d.Environment, "outcome": st.State,
		"deployment_id": d.ID, "commit": d.SHA, "url": st.TargetURL,
		"started_at": d.CreatedAt.UTC().Format(time.RFC3339), "duration_seconds": int64(st.CreatedAt.Sub(d.CreatedAt).Seconds()),
	}
}

func (p ghPayload) ciFinished(in Input) (Input, map[string]any) {
	r := p.WorkflowRun
	in.Type, in.Person = TypeCIFinished, r.Actor.Login
	if in.Person == "" {
		in.Person = p.Sender.Login
	}
	in.OccurredAt = r.UpdatedAt.UTC().Format(time.RFC3339)
	return in, map[string]any{
		"repository": p.Repository.FullName, "workflow": r.Name, "outcome": r.Conclusion, "branch": r.HeadBranch,
		"commit": r.HeadSHA, "url": r.HTMLURL, "run_id": r.ID,
		"started_at": r.RunStartedAt.UTC().Format(time.RFC3339), "duration_seconds": int64(r.UpdatedAt.Sub(r.RunStartedAt).Seconds()),
	}
}
