package main

import (
	"fmt"
	"os"
	"strconv"

	"privacyregister/internal/auth"
	"privacyregister/internal/jobs"
	"privacyregister/internal/mail"
	reg "privacyregister/internal/register"
	"privacyregister/internal/web"
)

// config is every PRIVACYREGISTER_* setting of the environment, read in
// this one place when a command starts. Flags take their defaults from it;
// a value that cannot be read stops the start with the variable's name
// rather than falling back silently.
type config struct {
	Data, DB          string
	SecretKey         []byte // nil: the key file in the data directory
	Addr, BaseURL     string
	SecureCookies     bool
	TrustProxy        bool // deprecated, see serve
	TrustedProxies    string
	MaxPasswordHashes int
	DecreeDays        string
	Countries         string
	SMTP, SMTPFrom    string
	SMTPUser          string
	SMTPPassword      string // only from the environment, so it does not show in process lists
	SMTPTLS           string // starttls (default), tls or none
	SMTPCA            string // PEM file of CAs to trust instead of the system's
	IncidentReminders []int  // hours before a breach deadline
	ImportLimits      reg.Limits
	Token, Password   string // of the loadtest command
	MetricsAddr       string // separate listen address for /metrics
	MetricsToken      string // bearer token for /metrics on the main address; only from the environment
	LogFormat         string // "text" or "json"
}

// loadConfig reads the configuration from the process environment.
func loadConfig() (config, error) { return readConfig(os.Getenv) }

// readConfig reads the configuration through getenv.
func readConfig(getenv func(string) string) (config, error) {
	c := config{
		Data:              "data",
		DB:                getenv("PRIVACYREGISTER_DB"),
		Addr:              "localhost:8080",
		BaseURL:           getenv("PRIVACYREGISTER_BASE_URL"),
		TrustedProxies:    getenv("PRIVACYREGISTER_TRUSTED_PROXIES"),
		MaxPasswordHashes: auth.DefaultMaxHashes(),
		DecreeDays:        getenv("PRIVACYREGISTER_DECREE_DAYS"),
		Countries:         getenv("PRIVACYREGISTER_COUNTRIES"),
		SMTP:              getenv("PRIVACYREGISTER_SMTP"),
		SMTPFrom:          "privacyregister@localhost",
		SMTPUser:          getenv("PRIVACYREGISTER_SMTP_USER"),
		SMTPPassword:      getenv("PRIVACYREGISTER_SMTP_PASSWORD"),
		SMTPTLS:           getenv("PRIVACYREGISTER_SMTP_TLS"),
		SMTPCA:            getenv("PRIVACYREGISTER_SMTP_CA"),
		IncidentReminders: jobs.DefaultIncidentLeadHours,
		Token:             getenv("PRIVACYREGISTER_TOKEN"),
		Password:          getenv("PRIVACYREGISTER_PASSWORD"),
		MetricsAddr:       getenv("PRIVACYREGISTER_METRICS_ADDR"),
		MetricsToken:      getenv("PRIVACYREGISTER_METRICS_TOKEN"),
		LogFormat:         "text",
	}
	for name, dst := range map[string]*string{"PRIVACYREGISTER_DATA": &c.Data, "PRIVACYREGISTER_ADDR": &c.Addr, "PRIVACYREGISTER_SMTP_FROM": &c.SMTPFrom} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	bad := func(name, v string, err error) error { return usagef("%s=%q: %v", name, v, err) }
	if v := getenv("PRIVACYREGISTER_SECRET_KEY"); v != "" {
		key, err := auth.ParseKey(v)
		if err != nil {
			return c, usagef("PRIVACYREGISTER_SECRET_KEY: %v", err) // the value is a secret: not repeated
		}
		c.SecretKey = key
	}
	for name, dst := range map[string]*bool{"PRIVACYREGISTER_SECURE_COOKIES": &c.SecureCookies, "PRIVACYREGISTER_TRUST_PROXY": &c.TrustProxy} {
		if v := getenv(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return c, bad(name, v, fmt.Errorf("say true or false"))
			}
			*dst = b
		}
	}
	switch v := getenv("PRIVACYREGISTER_LOG_FORMAT"); v {
	case "":
	case "text", "json":
		c.LogFormat = v
	default:
		return c, bad("PRIVACYREGISTER_LOG_FORMAT", v, fmt.Errorf("say text or json"))
	}
	if v := c.TrustedProxies; v != "" {
		if _, err := web.ParseTrustedProxies(v); err != nil {
			return c, bad("PRIVACYREGISTER_TRUSTED_PROXIES", v, err)
		}
	}
	if v := getenv("PRIVACYREGISTER_MAX_PASSWORD_HASHES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, bad("PRIVACYREGISTER_MAX_PASSWORD_HASHES", v, fmt.Errorf("a whole number of at least 1"))
		}
		c.MaxPasswordHashes = n
	}
	if err := mail.CheckTLSMode(c.SMTPTLS); err != nil {
		return c, usagef("PRIVACYREGISTER_SMTP_TLS: %v", err)
	}
	if v := getenv("PRIVACYREGISTER_INCIDENT_REMINDERS"); v != "" {
		leads, err := jobs.ParseLeadHours(v)
		if err != nil {
			return c, usagef("PRIVACYREGISTER_INCIDENT_REMINDERS: %v", err)
		}
		c.IncidentReminders = leads
	}
	var err error
	c.ImportLimits, err = importLimits(getenv)
	return c, err
}
