package incident

import "privacyregister/internal/deadline"

// Overview is the year's breach figures, as the FG reports them in the
// annual report (seed 003).
type Overview struct {
	Year            int
	Incidents       int // everything in the register that year
	Breaches        int // personal data breaches (every outcome but security_incident)
	ByOutcome       map[Outcome]int
	ByProperty      map[Property]int
	ByNature        map[Nature]int
	NotifiedAP      int
	NotifiedLate    int // after the 72 hours
	InformedSubject int // people informed individually or publicly
	// AverageHoursToAP is the mean of aware -> AP notification over the
	// notified breaches; 0 when none was notified.
	AverageHoursToAP float64
}

// Summarise counts the incidents discovered in year (Amsterdam time).
func Summarise(incidents []Incident, year int) Overview {
	o := Overview{Year: year, ByOutcome: map[Outcome]int{}, ByProperty: map[Property]int{}, ByNature: map[Nature]int{}}
	var hours float64
	for _, inc := range incidents {
		if inc.DiscoveredAt.In(deadline.Amsterdam).Year() != year {
			continue
		}
		o.Incidents++
		if inc.Outcome != "" {
			o.ByOutcome[inc.Outcome]++
		}
		if inc.Outcome != SecurityIncident && inc.Outcome != "" {
			o.Breaches++
		}
		for _, p := range inc.Properties {
			o.ByProperty[p]++
		}
		for _, n := range inc.Natures {
			o.ByNature[n]++
		}
		if inc.NotifiedAuthorityAt != nil && inc.AwareAt != nil {
			o.NotifiedAP++
			hours += inc.NotifiedAuthorityAt.Sub(*inc.AwareAt).Hours()
			if LateReasonRequired(*inc.NotifiedAuthorityAt, *inc.AwareAt) {
				o.NotifiedLate++
			}
		}
		if inc.SubjectsInformed == InformedYes || inc.PublicCommunication {
			o.InformedSubject++
		}
	}
	if o.NotifiedAP > 0 {
		o.AverageHoursToAP = hours / float64(o.NotifiedAP)
	}
	return o
}
