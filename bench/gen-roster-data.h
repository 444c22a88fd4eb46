/* gen-roster-data.h: word lists for gen-roster.c (included once, by it).
 * Kept apart so the generator's logic stays short; edit freely: nothing
 * depends on the list lengths, only on COUNT(). */
#ifndef GEN_ROSTER_DATA_H
#define GEN_ROSTER_DATA_H

/* "Display|ascii" where the display form is not plain ASCII. */
static const char *const FIRST[] = {
	"Amelia", "Oliver", "Sofía|sofia", "José|jose", "Zoë|zoe",
	"Søren|soren", "Łukasz|lukasz", "François|francois", "Aoife",
	"Siobhán|siobhan", "Nuno", "Priya", "Arjun", "Fatima", "Omar", "Yusuf",
	"Amara", "Chidi", "Kwame", "Ngozi", "Liam", "Noah", "Emma", "Olivia",
	"Isabella", "Lucas", "Mateo", "Hugo", "Léa|lea", "Jürgen|jurgen",
	"Dmitri", "Olga", "Min-jun", "Thanh", "Linh", "Rafael", "Camila",
	"Diego", "Elif", "Mehmet", "Yael", "Sipho", "Thandiwe", "Aarav",
	"Kavya", "Astrid", "Eero", "Giulia", "Sean", "Hannah", "Mohammed",
	"Wei", "Kenji", "Sarah", "David", "Maria", "James",
};
static const char *const LAST[] = {
	"Kowalski", "Nowak", "Wiśniewski|wisniewski", "Müller|muller",
	"Schmidt", "García|garcia", "Martínez|martinez", "Núñez|nunez", "Silva",
	"Costa", "Gonçalves|goncalves", "Rossi", "Bianchi", "Dubois", "O'Brien",
	"Murphy", "Byrne", "Smith", "Johnson", "Williams", "Brown", "Taylor",
	"Nguyen", "Tran", "Kim", "Park", "Patel", "Sharma", "Iyer", "Khan",
	"Hassan", "Okafor", "Mensah", "Adeyemi", "Dlamini", "Ivanov", "Petrova",
	"Dvořák|dvorak", "Yılmaz|yilmaz", "Cohen", "Levi", "Andersson",
	"Nielsen", "Virtanen", "Papadopoulos", "de la Cruz", "van der Berg",
	"Oliveira", "Carroll", "Walsh", "Chen", "Wang", "Zhang", "Liu", "Moore",
};
static const char *const CJK[] = { /* family name first */
	"王芳|wang-fang", "李伟|li-wei", "张敏|zhang-min", "陈静|chen-jing",
	"佐藤 花子|sato-hanako", "鈴木 一郎|suzuki-ichiro", "高橋 健|takahashi-ken",
	"김민준|kim-minjun", "이서연|lee-seoyeon", "박지훈|park-jihoon",
	"黃志明|huang-chihming", "林美玲|lin-meiling",
};
static const char *const LOCS[][3] = { /* Norway: "NO" is a YAML 1.1 trap */
	{"Lisbon", "Portugal", "Europe/Lisbon"},
	{"Oslo", "Norway", "Europe/Oslo"},
	{"São Paulo", "Brazil", "America/Sao_Paulo"},
	{"Berlin", "Germany", "Europe/Berlin"},
	{"Lagos", "Nigeria", "Africa/Lagos"},
	{"Zürich", "Switzerland", "Europe/Zurich"},
	{"Kraków", "Poland", "Europe/Warsaw"}, {"Tokyo", "Japan", "Asia/Tokyo"},
	{"Dublin", "Ireland", "Europe/Dublin"},
	{"Seoul", "South Korea", "Asia/Seoul"},
	{"San Francisco", "United States", "America/Los_Angeles"},
	{"New York", "United States", "America/New_York"},
	{"Montréal", "Canada", "America/Toronto"},
	{"Bogotá", "Colombia", "America/Bogota"},
	{"Buenos Aires", "Argentina", "America/Argentina/Buenos_Aires"},
	{"Nairobi", "Kenya", "Africa/Nairobi"},
	{"Bengaluru", "India", "Asia/Kolkata"},
	{"Sydney", "Australia", "Australia/Sydney"},
	{"İstanbul", "Türkiye", "Europe/Istanbul"},
};
static const char *const SECTIONS[] = {"Dev", "Ops", "Sec", "Core Platform",
	"Data Science", "Fulfillment", "Analytics", "SaaS Platforms",
};
static const char *const STAGES[] = {"Manage", "Plan", "Create", "Verify",
	"Package", "Deploy", "Secure", "Govern", "Monitor", "AI-powered",
	"Systems", "Data Stores", "Tenant Scale", "Growth", "Runtime",
};
static const char *const GROUPS[] = {"Source Code", "Code Review", "Editor",
	"Project Management", "Product Planning", "Optimize",
	"Pipeline Execution", "Pipeline Authoring", "Runner",
	"Package Registry", "Container Registry", "Static Analysis",
	"Dynamic Analysis", "Authentication", "Authorization", "Compliance",
	"Environments", "Observability", "Respond", "Custom Models", "Duo Chat",
	"AI Framework", "Global Search", "Database", "Gitaly",
	"Cloud Connector", "Distribution", "Geo", "Provision", "Utilization",
	"Acquisition", "Import and Integrate",
};
static const char *const SKILLS[] = {"PostgreSQL", "Gitaly", "Redis",
	"Kubernetes", "GraphQL", "Vue.js", "Ruby on Rails", "Go", "Sidekiq",
	"Elasticsearch", "CI/CD", "Terraform", "Prometheus", "Rust",
};
static const char *const EXPERT[] = { /* quotes and backslashes on purpose */
	"<a href=\"/handbook/engineering/workflow/code-review/#maintainer\">"
	"Backend maintainer</a>",
	"<a href=\"/handbook/engineering/workflow/code-review/#reviewer\">"
	"Frontend reviewer</a>",
	"GraphQL", "Database reviewer", "Security champion",
	"Performance & scalability", "Windows runners (C:\\GitLab-Runner)",
	"Accessibility: \"a11y\""};
static const char *const PROJECTS[] = {"gitlab", "gitlab-runner",
	"omnibus-gitlab", "gitaly", "gitlab-pages", "charts", "gitlab-shell",
};
static const char *const PROJROLE[] = {"maintainer backend",
	"reviewer frontend", "reviewer database", "trainee_maintainer backend",
	"[reviewer, maintainer]", "[reviewer, maintainer]",
};
static const char *const PRONOUNS[] = {"she/her", "he/him", "they/them",
	"she/they", "he/they",
};
static const char *const LEVEL[] = {"", "Senior ", "Staff "};
static const char *const ENGT[] = {"Backend Engineer", "Frontend Engineer",
	"Fullstack Engineer",
};
static const char *const EMT[] = {"Engineering Manager", "Engineering Manager",
	"Backend Engineering Manager", "Fullstack Engineering Manager",
};
/* Stable counterparts: {VP, per-stage manager, IC title, dept, division}.
 * "Quality Engineering Manager" is a deliberate near-miss for the
 * manager-role regexes: it never carries a STAGE:GROUP suffix. */
static const char *const FNS[3][5] = {
	{"VP of Product", "Group Manager, Product Management",
	 "Product Manager", "Product Management", "Product"},
	{"VP of User Experience", "UX Manager", "Product Designer",
	 "UX Department", "Engineering"},
	{"VP of Quality", "Quality Engineering Manager",
	 "Software Engineer in Test", "Quality Department", "Engineering"},
};
/* Non-R&D departments (about half the company, outside every group):
 * {name, division, head, team manager, IC title, IC title}. */
static const char *const DEPTS[][6] = {
	{"Sales", "Sales", "Chief Revenue Officer", "Area Sales Manager",
	 "Account Executive", "Solutions Architect"},
	{"Marketing", "Marketing", "Chief Marketing Officer",
	 "Manager, Marketing", "Content Marketing Manager",
	 "Developer Advocate"},
	{"Customer Support", "Sales", "VP of Customer Support",
	 "Support Manager", "Support Engineer",
	 "Support Operations Specialist"},
	{"People", "People Group", "Chief People Officer",
	 "Manager, People Operations", "People Business Partner", "Recruiter"},
	{"Finance", "Finance", "Chief Financial Officer", "Controller",
	 "Accountant", "Financial Analyst"},
	{"Legal", "Legal", "Chief Legal Officer", "Director, Legal",
	 "Legal Counsel", "Paralegal"},
};

#endif
