// SPDX-License-Identifier: Apache-2.0

package sqlstore

import "context"

// Setting returns a node setting, or apperr.NotFound.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.queryRow(ctx, "SELECT value FROM node_settings WHERE key = ?", key).Scan(&v)
	return v, s.wrap("setting "+key, err)
}

// PutSetting stores a node setting.
func (s *Store) PutSetting(ctx context.Context, key, value string) error {
	_, err := s.exec(ctx, `INSERT INTO node_settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, ts(s.Now()))
	return s.wrap("put setting "+key, err)
}

// PutSettingIfAbsent stores a setting unless it exists, and returns the value
// in force. Several processes starting together agree on one value.
func (s *Store) PutSettingIfAbsent(ctx context.Context, key, value string) (string, error) {
	if _, err := s.exec(ctx, `INSERT INTO node_settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO NOTHING`, key, value, ts(s.Now())); err != nil {
		return "", s.wrap("put setting "+key, err)
	}
	var v string
	err := s.db.QueryRowContext(ctx, s.d.Rebind("SELECT value FROM node_settings WHERE key = ?"), key).Scan(&v)
	return v, s.wrap("setting "+key, err)
}
