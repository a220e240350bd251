package demo

// The lists the organisation is drawn from. Names are invented
// combinations of common first and family names from many countries.

var firstNames = []string{
	"Aisha", "Alejandro", "Amara", "Anders", "Ana", "Arjun", "Astrid", "Ayesha", "Bas", "Beatriz",
	"Bilal", "Camille", "Carlos", "Chen", "Chloe", "Chidi", "Dana", "Daniel", "Deepa", "Diego",
	"Elena", "Elif", "Emeka", "Emma", "Erik", "Farah", "Fatima", "Felix", "Freya", "Gabriel",
	"Giulia", "Hana", "Hannah", "Hugo", "Ines", "Ingrid", "Isaac", "Ivan", "Jakub", "James",
	"Jana", "Javier", "Jin", "Joao", "Jonas", "Julia", "Kai", "Karim", "Katarzyna", "Kenji",
	"Laila", "Lars", "Leila", "Leon", "Lucas", "Luca", "Maja", "Malik", "Marco", "Maria",
	"Mateo", "Mei", "Mia", "Mikael", "Nadia", "Naveen", "Nia", "Nikhil", "Noah", "Nora",
	"Olga", "Omar", "Oscar", "Pablo", "Priya", "Rafael", "Rahul", "Ravi", "Rosa", "Ruth",
	"Samir", "Sara", "Sofia", "Sven", "Tariq", "Thea", "Tomas", "Uma", "Valentina", "Victor",
	"Wei", "Yara", "Yusuf", "Zainab", "Zofia", "Ming", "Liam", "Selin", "Tobias", "Aiko",
}

var lastNames = []string{
	"Abara", "Adeyemi", "Ahmed", "Almeida", "Andersen", "Bakker", "Banerjee", "Becker", "Bianchi", "Brennan",
	"Castillo", "Chowdhury", "Costa", "Dahl", "de Vries", "Diallo", "Dubois", "Eriksson", "Fernandes", "Fischer",
	"Garcia", "Gomez", "Gupta", "Haddad", "Hansen", "Hashemi", "Hoffmann", "Horvat", "Ibrahim", "Ito",
	"Jansen", "Johansson", "Kaur", "Khan", "Kim", "Kowalski", "Kruger", "Larsen", "Lee", "Lindqvist",
	"Lopez", "Mahmoud", "Marino", "Martin", "Mensah", "Meyer", "Moreau", "Murphy", "Nakamura", "Nguyen",
	"Novak", "Nowak", "Okafor", "Oliveira", "Osei", "Park", "Patel", "Pereira", "Petrov", "Popescu",
	"Quinn", "Rahman", "Reddy", "Ricci", "Rossi", "Santos", "Schmidt", "Sharma", "Silva", "Singh",
	"Sokolova", "Suzuki", "Tanaka", "Torres", "Tran", "Varga", "Vasquez", "Wagner", "Wang", "Weber",
	"Wojcik", "Yamamoto", "Yilmaz", "Zhang", "Zimmermann", "Okoro", "Laine", "Moretti", "Sato", "Byrne",
}

// weighted is a value drawn with a relative weight.
type weighted struct {
	value  string
	weight int
}

// Cities of the offices; office and hybrid people live near one.
var officeCities = []weighted{{"London", 40}, {"Berlin", 30}, {"Amsterdam", 15}, {"New York", 15}}

// Cities remote people work from.
var remoteCities = []weighted{
	{"Lisbon", 12}, {"Porto", 6}, {"Barcelona", 10}, {"Warsaw", 10}, {"Dublin", 8}, {"Edinburgh", 6},
	{"Toronto", 8}, {"Austin", 6}, {"Krakow", 8}, {"Athens", 5}, {"Tallinn", 5}, {"Manchester", 8}, {"Madrid", 8},
}

// Job roles (the segment people are grouped by).
const (
	roleBackend  = "Backend engineer"
	roleFrontend = "Frontend engineer"
	roleMobile   = "Mobile engineer"
	roleSRE      = "SRE"
	rolePlatform = "Platform engineer"
	roleData     = "Data engineer"
	roleML       = "ML engineer"
	roleQA       = "QA engineer"
	roleManager  = "Engineering manager"
)

// Kinds of team; each has its own mix of roles.
const (
	kindPlatform = "platform"
	kindInfra    = "infra"
	kindProduct  = "product"
	kindMobile   = "mobile"
	kindData     = "data"
	kindML       = "ml"
)

var rolesByKind = map[string][]weighted{
	kindPlatform: {{rolePlatform, 40}, {roleBackend, 35}, {roleSRE, 15}, {roleFrontend, 10}},
	kindInfra:    {{roleSRE, 55}, {rolePlatform, 30}, {roleBackend, 15}},
	kindProduct:  {{roleBackend, 45}, {roleFrontend, 38}, {roleQA, 10}, {roleData, 7}},
	kindMobile:   {{roleMobile, 70}, {roleBackend, 15}, {roleQA, 15}},
	kindData:     {{roleData, 60}, {roleBackend, 25}, {roleML, 15}},
	kindML:       {{roleML, 55}, {roleData, 30}, {roleBackend, 15}},
}

var icLevels = []weighted{{"L2", 20}, {"L3", 35}, {"L4", 28}, {"L5", 12}, {"L6", 5}}

var arrangements = []weighted{{"remote", 35}, {"hybrid", 45}, {"office", 20}}

// notApplicableByRole is how often a role answers "not applicable" for a driver
// that often does not touch its work.
var notApplicableByRole = map[string]map[string]float64{
	roleManager:  {"build_test_speed": 0.45, "local_env": 0.35, "codebase_health": 0.3, "ai_assistants": 0.25, "onboarding": 0.2},
	roleMobile:   {"observability": 0.25, "prod_debugging": 0.2, "incident_response": 0.3, "deploy_process": 0.1},
	roleFrontend: {"incident_response": 0.3, "prod_debugging": 0.15, "observability": 0.15},
	roleData:     {"deploy_process": 0.2, "incident_response": 0.2},
	roleML:       {"deploy_process": 0.3, "incident_response": 0.35, "observability": 0.2},
	roleQA:       {"incident_response": 0.35, "local_env": 0.1, "prod_debugging": 0.2},
}

// baseFavorable is each driver's org-wide favorable share before stories.
var baseFavorable = map[string]float64{
	"local_env": 0.62, "build_test_speed": 0.50, "codebase_health": 0.48, "onboarding": 0.45,
	"ai_assistants": 0.50, "ci_reliability": 0.60, "code_review": 0.66, "deploy_process": 0.54,
	"prod_debugging": 0.50, "observability": 0.55, "incident_response": 0.64, "documentation": 0.40,
	"cross_team": 0.42, "requirements": 0.56, "focus_time": 0.47,
}

// allocationByRole is a typical week by role, in the order of
// survey.TimeCategories: features, bugs, incidents, toil, meetings, other.
var allocationByRole = map[string][]float64{
	"":           {45, 18, 7, 12, 13, 5},
	roleSRE:      {20, 12, 28, 22, 13, 5},
	rolePlatform: {35, 15, 12, 20, 13, 5},
	roleManager:  {10, 5, 5, 8, 60, 12},
	roleQA:       {30, 35, 5, 15, 10, 5},
	roleData:     {42, 15, 6, 20, 12, 5},
	roleML:       {48, 12, 4, 16, 12, 8},
}
