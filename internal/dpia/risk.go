package dpia

import (
	"fmt"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
)

// Scale is the fixed four-step scale for likelihood and impact, in the
// CNIL's words as Dutch DPIA models use them.
type Scale int

const (
	Negligible  Scale = 1 // verwaarloosbaar
	Limited     Scale = 2 // beperkt
	Significant Scale = 3 // aanzienlijk
	Maximum     Scale = 4 // maximaal
)

var scaleNames = [...]string{1: "negligible", 2: "limited", 3: "significant", 4: "maximum"}

// Name returns the step's name in lang.
func (s Scale) Name(lang string) string {
	if s < Negligible || s > Maximum {
		return fmt.Sprint(int(s))
	}
	return i18n.T(lang, scaleNames[s])
}

// Level is a risk level.
type Level string

const (
	Low      Level = "low"
	Medium   Level = "medium"
	High     Level = "high"
	VeryHigh Level = "very_high"
)

var levelNames = map[Level]string{Low: "low", Medium: "medium", High: "high", VeryHigh: "very high"}

// Name returns the level's name in lang.
func (l Level) Name(lang string) string {
	if s, ok := levelNames[l]; ok {
		return i18n.T(lang, s)
	}
	return string(l)
}

// matrix[impact][likelihood]. Impact weighs a little more than likelihood:
// a maximal harm that is unlikely is still medium, a negligible harm that
// is near certain stays low.
var matrix = [5][5]Level{
	Negligible:  {"", Low, Low, Low, Medium},
	Limited:     {"", Low, Medium, Medium, High},
	Significant: {"", Medium, Medium, High, VeryHigh},
	Maximum:     {"", Medium, High, VeryHigh, VeryHigh},
}

// LevelOf is the matrix's level for a likelihood and an impact.
func LevelOf(likelihood, impact Scale) (Level, error) {
	if likelihood < Negligible || likelihood > Maximum {
		return "", apperr.Invalidf("likelihood", "Use a likelihood from 1 (negligible) to 4 (maximum).")
	}
	if impact < Negligible || impact > Maximum {
		return "", apperr.Invalidf("impact", "Use an impact from 1 (negligible) to 4 (maximum).")
	}
	return matrix[impact][likelihood], nil
}

// NeedsPriorConsultation reports whether a residual risk stays high, so the
// AP must be consulted before processing starts (art. 36(1)).
func NeedsPriorConsultation(residual Level) bool {
	return residual == High || residual == VeryHigh
}

// Levels returns the risk's level before and after its measures.
func (r DPIARisk) Levels() (inherent, residual Level, err error) {
	if inherent, err = LevelOf(r.Likelihood, r.Impact); err != nil {
		return "", "", err
	}
	residual, err = LevelOf(r.ResidualLikelihood, r.ResidualImpact)
	return inherent, residual, err
}
