package contract

// Model agreements: checklists of what a model agreement requires, in our
// own words, each with its source, judged from the fields Analyse produces.
// The checklists are data (models_data.go); this file holds the judging.

// Statuses of one model item against an agreement.
const (
	StatusMeets    = "meets"    // the agreement says what the model requires
	StatusWeaker   = "weaker"   // it addresses the point, with less for the controller
	StatusStronger = "stronger" // it gives the controller more than the model
	StatusMissing  = "missing"  // it does not address the point
	StatusUnclear  = "unclear"  // it addresses the point in a form the analyser could not read
)

// ModelItem is one requirement of a model agreement. Requirement is an
// English message id (Dutch in the catalogue); Source names the clause or
// article of the model it comes from; Check names the judge in judges.
type ModelItem struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Requirement string `json:"requirement"`
	Check       string `json:"check"`
}

// Model is a model agreement's checklist. Note (a message id, may be empty)
// says how far its sources could be checked.
type Model struct {
	ID    string      `json:"id"`
	Name  string      `json:"name"`
	Note  string      `json:"note,omitempty"`
	Items []ModelItem `json:"items"`
}

// Deviation is one model item judged against an agreement: the status, the
// value the analyser read (an enum or number, empty when none) and the quote
// it rests on (nil when the agreement says nothing on the point).
type Deviation struct {
	Item        string    `json:"item"`
	Source      string    `json:"source"`
	Requirement string    `json:"requirement"`
	Status      string    `json:"status"`
	Value       string    `json:"value,omitempty"`
	Quote       *Evidence `json:"quote"`
}

// ModelComparison is an agreement compared with one model.
type ModelComparison struct {
	Model string      `json:"model"`
	Name  string      `json:"name"`
	Note  string      `json:"note,omitempty"`
	Items []Deviation `json:"items"`
}

// CompareModel judges every item of m against the analysis a.
func CompareModel(a *Analysis, m Model) ModelComparison {
	c := ModelComparison{Model: m.ID, Name: m.Name, Note: m.Note, Items: make([]Deviation, 0, len(m.Items))}
	for _, it := range m.Items {
		j := judges[it.Check]
		if j == nil {
			panic("contract: model " + m.ID + " item " + it.ID + " has no judge " + it.Check)
		}
		v := j(a)
		c.Items = append(c.Items, Deviation{Item: it.ID, Source: it.Source, Requirement: it.Requirement,
			Status: v.status, Value: v.value, Quote: firstEvidence(v.ev)})
	}
	return c
}

// CompareModels compares a with every known model, in a fixed order.
func CompareModels(a *Analysis) []ModelComparison {
	out := make([]ModelComparison, 0, len(Models))
	for _, m := range Models {
		out = append(out, CompareModel(a, m))
	}
	return out
}

func firstEvidence(ev []Evidence) *Evidence {
	if len(ev) == 0 {
		return nil
	}
	e := ev[0]
	return &e
}

// verdict is what a judge finds.
type verdict struct {
	status string
	value  string
	ev     []Evidence
}
