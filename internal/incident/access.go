package incident

import perm "privacyregister/internal/org" // "org" is an OrgInfo in the tests

// Member is what the access rules need to know of who asks: the user and
// what the role lets them do with the breach register.
type Member struct {
	UserID        int64
	ReadsRegister bool // the whole register (privacy officer, reader, ...)
	Works         bool // works on the cases assigned to them (technicus)
	Decides       bool // edits the administration: qualifies and notifies (melder)
}

// MemberOf is the member userID with role: one translation of the role's
// permissions, for the web and the API alike.
func MemberOf(userID int64, role perm.Role) Member {
	return Member{UserID: userID, ReadsRegister: role.Can(perm.ViewAdministration), Works: role.Can(perm.WorkIncidents), Decides: role.Can(perm.EditAdministration)}
}

// CanSee: the register's readers see every case, a technicus the cases
// assigned to them, everyone the cases they reported. Others are told the
// case does not exist.
func (m Member) CanSee(reporterID, assigneeID int64) bool {
	return m.ReadsRegister || reporterID == m.UserID || (m.Works && assigneeID == m.UserID)
}

// CanWork: the privacy officer, and the technicus the case is assigned to.
func (m Member) CanWork(assigneeID int64) bool {
	return m.Decides || (m.Works && assigneeID == m.UserID)
}

// Scope narrows a list of the register to what m may see: nothing for a
// reader of the whole register, else the cases assigned to a technicus,
// else the member's own reports.
func (m Member) Scope() (assigneeID, reporterID int64) {
	switch {
	case m.ReadsRegister:
		return 0, 0
	case m.Works:
		return m.UserID, 0
	}
	return 0, m.UserID
}
