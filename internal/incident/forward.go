package incident

import (
	"slices"
	"time"
)

// ForController is the case a processor's breach becomes at one of its
// controllers (art. 33(2) AVG): what the processor knows of the breach,
// with the controller's own clock. The controller becomes aware when the
// processor tells it (EDPB Guidelines 9/2022, para. 41), so its 72 hours
// (art. 33(1)) start at toldAt, whatever the processor's hours were; the
// processor's awareness and notice times are kept, so the case shows
// whether the processor kept to the agreement's hours. The decision
// whether to notify the AP is the controller's own and is not copied.
func ForController(p Incident, processor string, toldAt time.Time) Incident {
	return Incident{
		Title: p.Title, Description: p.Description, Cause: p.Cause,
		Regime: p.Regime, Role: Controller, OtherOrganisation: processor, Reporter: p.Reporter,
		Timing: p.Timing, StartedAt: p.StartedAt, EndedAt: p.EndedAt, Ongoing: p.Ongoing,
		DiscoveredAt: toldAt, AwareAt: &toldAt,
		Properties: slices.Clone(p.Properties), Natures: slices.Clone(p.Natures),
		DataTypes: slices.Clone(p.DataTypes), DataOther: p.DataOther, SpecialCategories: slices.Clone(p.SpecialCategories), Records: p.Records,
		People: p.People, SubjectGroups: slices.Clone(p.SubjectGroups),
		Protection: p.Protection, ProtectionHow: p.ProtectionHow, Encrypted: p.Encrypted, Hashed: p.Hashed,
		Consequences: slices.Clone(p.Consequences), ConsequenceOther: p.ConsequenceOther,
		Measures: slices.Clone(p.Measures),
		Phases:   map[Phase]PhaseState{Discover: Done, Inventory: InProgress},
	}
}
