package apperr

import (
	"errors"
	"net/http"
)

// HTTPStatus maps an error to its HTTP status: the one place where codes
// meet statuses, used by the web pages and the JSON API alike.
func HTTPStatus(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	var list List
	if errors.As(err, &list) && len(list) > 0 {
		return HTTPStatus(list[0])
	}
	switch CodeOf(err) {
	case NotFound:
		return http.StatusNotFound
	case Invalid:
		return http.StatusUnprocessableEntity
	case Conflict:
		return http.StatusConflict
	case Forbidden:
		return http.StatusForbidden
	case Unauthorized:
		return http.StatusUnauthorized
	case TooLarge:
		return http.StatusRequestEntityTooLarge
	case TooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}
