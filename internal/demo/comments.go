package demo

// Comments written for the demo. They name no one; each is tied to the
// driver it is about, or to none.

type themed struct {
	negative []string
	positive []string
}

var commentsByDriver = map[string]themed{
	"local_env": {
		negative: []string{
			"Setting up the dev environment on a new laptop took me two full days. The setup script is out of date.",
			"The local stack needs so much memory that my machine swaps as soon as I open a browser too.",
		},
		positive: []string{"The dev container setup is great: I had a working environment before lunch on my first day."},
	},
	"build_test_speed": {
		negative: []string{
			"The full test suite takes over 20 minutes locally, so I only run a subset and hope for the best.",
			"Incremental builds are broken half the time and I end up doing clean builds.",
		},
		positive: []string{"The build cache made a huge difference; most builds finish in under a minute now."},
	},
	"codebase_health": {
		negative: []string{
			"The legacy billing module is scary to touch. Nobody understands it and there are almost no tests.",
			"We keep adding features on top of code we all agree should be rewritten.",
		},
	},
	"onboarding": {
		negative: []string{"Moving to a different part of the codebase feels like starting a new job. There is no map of which service does what."},
		positive: []string{"The onboarding buddy system worked really well for me."},
	},
	"ai_assistants": {
		negative: []string{"The approved AI assistant is not allowed in our main repository, which makes it much less useful."},
		positive: []string{
			"The AI assistant saves me real time on tests and boilerplate. Please keep the licence.",
			"Using the assistant for reading unfamiliar code has been the biggest win for me this quarter.",
		},
	},
	"ci_reliability": {
		negative: []string{
			"Flaky tests in CI are the single biggest drain on my week. I rerun pipelines several times a day.",
			"Since the CI runner migration, builds fail randomly and the retry button is the most used feature.",
			"When CI fails I assume it is flaky before I assume my change is wrong. That is a bad sign.",
			"The queue for CI runners in the afternoon is long enough that I batch changes to avoid it.",
		},
		positive: []string{"Quarantining flaky tests automatically was a good move; red builds mean something again."},
	},
	"code_review": {
		negative: []string{"Pull requests wait days for a review when the reviewers are in another time zone."},
		positive: []string{"Reviews in our team are quick and kind. It is one of the best things about working here."},
	},
	"deploy_process": {
		negative: []string{
			"Deploying still needs a manual checklist and someone from another team to press the button.",
			"We only deploy on Tuesdays and Thursdays, so a small fix can take days to reach customers.",
		},
		positive: []string{
			"The new deployment pipeline is a big improvement: I shipped three times yesterday without thinking about it.",
			"Canary releases and one-click rollback made deploying boring, in a good way.",
		},
	},
	"prod_debugging": {
		negative: []string{"Getting access to production logs requires a ticket, which slows down every investigation."},
	},
	"observability": {
		negative: []string{"Our dashboards show averages only; we cannot see the slow requests that customers complain about."},
		positive: []string{"Tracing across services finally works end to end. It cut our last investigation from hours to minutes."},
	},
	"incident_response": {
		negative: []string{"On-call is too noisy. Most pages at night are for alerts nobody acts on."},
		positive: []string{"The incident reviews are blameless and actually lead to changes. Good process."},
	},
	"documentation": {
		negative: []string{
			"Documentation is spread across three wikis and most pages are older than the code they describe.",
			"As a remote worker I rely on written docs, and they are often missing. The answer is usually in someone's head.",
			"Decisions get made in office conversations and never written down, so remote people find out late.",
			"I spend more time asking where things are documented than reading the documentation.",
		},
		positive: []string{
			"The new service catalogue with owners and runbooks is really helpful.",
			"Our team's docs improved a lot this year; every service now has a current README and runbook.",
		},
	},
	"cross_team": {
		negative: []string{
			"Anything that needs another team's change waits a full sprint, even when it is a one-line fix.",
			"Remote folks miss a lot of the informal coordination that happens between teams in the office.",
		},
	},
	"requirements": {
		negative: []string{"Requirements change in the middle of the sprint more often than not."},
		positive: []string{"Product and engineering plan together now, and it shows: fewer surprises."},
	},
	"focus_time": {
		negative: []string{
			"I have almost no uninterrupted afternoons. Meetings are scattered across the whole week.",
			"Constant chat interruptions make deep work hard. A few meeting-free days would help a lot.",
		},
		positive: []string{"The no-meeting Wednesdays are great. Please keep them."},
	},
}

var genericNegative = []string{
	"It feels like the same problems come up in this survey every quarter. I would like to hear what changed.",
	"Too much of my week goes to manual work that could be automated.",
	"We are understaffed and the backlog of maintenance work keeps growing.",
}

var genericPositive = []string{
	"Thanks for running this survey and sharing the results openly.",
	"Overall a good quarter. The platform team has been responsive to our requests.",
	"I like that the results from last quarter were followed by visible changes.",
	"Nothing major to report. Things are working well for our team.",
}
