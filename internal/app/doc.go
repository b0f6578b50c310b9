// SPDX-License-Identifier: Apache-2.0

// Package app is the only wiring package: from a Config it opens the store,
// migrates it, loads the catalog, builds the domain services and mounts the
// HTTP surfaces. Nothing imports app except cli and end-to-end tests.
//
// Import order (a package may import only those listed before it):
//
//	apperr, id, config; audit; catalog; subject; access, consent; ingest;
//	score, verify; report; market, monitor, rights; federation, stats;
//	sqlstore (implements the domain stores); httpx; api, web; app; cli.
package app
