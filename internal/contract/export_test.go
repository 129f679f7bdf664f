package contract

// Test helpers shared with the external test package (contract_test), which
// exists because testutil imports the store, which imports this package.
var (
	BuildDocx     = buildDocx
	WP            = wp
	WPNum         = wpNum
	TestNumbering = testNumbering
)
