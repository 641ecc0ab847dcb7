package main

import "sort"

// stats are the median, minimum and maximum of some samples.
type stats struct {
	median, min, max float64
}

// summarize is the stats of v (the median of an even count is the mean of the middle two).
func summarize(v []float64) stats {
	if len(v) == 0 {
		return stats{-1, -1, -1}
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stats{m, s[0], s[len(s)-1]}
}
