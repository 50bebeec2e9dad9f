package oauth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// discordMe is the part of Discord's GET /oauth2/@me answer Lit read.
type discordMe struct {
	Application *struct {
		ID string `json:"id"`
	} `json:"application"`
	User *struct {
		ID string `json:"id"`
	} `json:"user"`
}

// parseDiscord returns user.id and application.id.
func parseDiscord(body []byte) (userID, appID string, err error) {
	var me discordMe
	if err := decode(body, &me); err != nil {
		return "", "", fmt.Errorf("%w: discord /oauth2/@me: %v", ErrBadResponse, err)
	}
	if me.Application == nil || !validID(me.Application.ID) {
		return "", "", fmt.Errorf("%w: discord /oauth2/@me: no valid application.id", ErrBadResponse)
	}
	if me.User == nil {
		// Discord leaves user out when the token lacks the identify scope.
		return "", "", fmt.Errorf("%w: discord /oauth2/@me names no user (the token needs the identify scope)", ErrInvalidToken)
	}
	if !validUserID(me.User.ID) {
		return "", "", fmt.Errorf("%w: discord /oauth2/@me: no valid user.id", ErrBadResponse)
	}
	return me.User.ID, me.Application.ID, nil
}

// googleTokenInfo is the part of Google's GET /oauth2/v1/tokeninfo answer
// Lit read.
type googleTokenInfo struct {
	Error     string `json:"error"`
	IssuedTo  string `json:"issued_to"`
	UserID    string `json:"user_id"`
	ExpiresIn *int64 `json:"expires_in"`
}

// parseGoogle returns user_id and issued_to.
func parseGoogle(body []byte) (userID, appID string, err error) {
	var ti googleTokenInfo
	if err := decode(body, &ti); err != nil {
		return "", "", fmt.Errorf("%w: google tokeninfo: %v", ErrBadResponse, err)
	}
	if ti.Error != "" {
		return "", "", fmt.Errorf("%w: google tokeninfo answered an error", ErrInvalidToken)
	}
	if ti.ExpiresIn == nil {
		return "", "", fmt.Errorf("%w: google tokeninfo: no expires_in", ErrBadResponse)
	}
	if *ti.ExpiresIn <= 0 {
		return "", "", fmt.Errorf("%w: google access token expired", ErrInvalidToken)
	}
	if !validID(ti.IssuedTo) {
		return "", "", fmt.Errorf("%w: google tokeninfo: no valid issued_to", ErrBadResponse)
	}
	if ti.UserID == "" {
		// tokeninfo names the user only for tokens with a profile or
		// email scope.
		return "", "", fmt.Errorf("%w: google tokeninfo names no user_id (the token needs a profile or email scope)", ErrInvalidToken)
	}
	if !validUserID(ti.UserID) {
		return "", "", fmt.Errorf("%w: google tokeninfo: invalid user_id", ErrBadResponse)
	}
	return ti.UserID, ti.IssuedTo, nil
}

// decode parses one JSON object and nothing after it.
func decode(body []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(body))
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("data after the JSON object")
	}
	return nil
}

// validID: 1–256 printable ASCII characters. Ids go into the auth method
// id's preimage and into errors, so nothing else is let through.
func validID(s string) bool {
	if s == "" || len(s) > maxIDBytes {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// validUserID is validID without ':' — the separator of the id preimage
// "<userId>:<appId>", so that no (userId, appId) pair can hash like
// another.
func validUserID(s string) bool {
	return validID(s) && !strings.Contains(s, ":")
}

// clip shortens what an error quotes.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
