package web

// The metrics routes' rows of the route table (routes_test.go), kept
// beside the metrics tests so the table grows with its area.
func init() {
	for route, who := range map[string]allowed{
		"GET /api/v1/teams/:id/metrics":          apiOnly,
		"GET /api/v1/snapshots/:id/correlations": apiOnly,
		"POST /api/v1/metrics":                   apiOnly,
		"GET /admin/metrics":                     admins,
		"GET /admin/metrics/example.csv":         admins,
		"POST /admin/metrics/preview":            admins,
		"POST /admin/metrics/apply":              admins,
		"GET /admin/metrics/links":               admins,
		"POST /admin/metrics/links":              admins,
		"POST /admin/metrics/links/:id/delete":   admins,
	} {
		routeTable[route] = who
	}
}
