package actions

import (
	"fmt"
	"strconv"
	"strings"
)

// defaultUser is the user and group workers of a root process run as: nobody/nogroup, which owns no
// files. An operator who wants workers apart from the other daemons running as nobody names a user of
// their own in PoolConfig.User.
const defaultUser = "65534:65534"

// workerUser is the uid and gid PoolConfig.User names.
type workerUser struct{ uid, gid uint32 }

// parseUser reads "uid:gid" (numbers, so that no user database is read). Root is refused: a worker
// as root could read everything the node can.
func parseUser(s string) (workerUser, error) {
	if s == "" {
		s = defaultUser
	}
	us, gs, ok := strings.Cut(s, ":")
	if !ok {
		return workerUser{}, fmt.Errorf("actions: worker user %q: want uid:gid", s)
	}
	uid, err := strconv.ParseUint(us, 10, 32)
	if err != nil {
		return workerUser{}, fmt.Errorf("actions: worker user %q: uid: %w", s, err)
	}
	gid, err := strconv.ParseUint(gs, 10, 32)
	if err != nil {
		return workerUser{}, fmt.Errorf("actions: worker user %q: gid: %w", s, err)
	}
	if uid == 0 || gid == 0 {
		return workerUser{}, fmt.Errorf("actions: worker user %q: workers may not run as root or in group 0", s)
	}
	return workerUser{uid: uint32(uid), gid: uint32(gid)}, nil
}

// CheckUser reports whether s is a valid PoolConfig.User ("uid:gid", not
// root), for configuration checks.
func CheckUser(s string) error {
	_, err := parseUser(s)
	return err
}
