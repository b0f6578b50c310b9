// SPDX-License-Identifier: Apache-2.0

// Package demo seeds a node with a generated province and one account for
// every kind of participant, so that a new user sees a working platform
// after one command. Seeding is idempotent: a restart finds what is there
// and adds nothing twice.
package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/subject"
)

// Password is every demo account's password. The demo is for trying the
// platform on one's own machine; a real node creates accounts with
// `xinrong` admin tools and never uses this.
const Password = "Xinrong-demo-2026"

// Account is one demo login.
type Account struct {
	Username string
	OrgKind  access.OrgKind
	OrgName  string
	Roles    []access.Role
}

// Options say what to seed.
type Options struct {
	Enterprises int    // how many enterprises the province has
	Seed        uint64 // generator seed: the same seed gives the same province
	Region      string // province code, e.g. 640000
	Progress    io.Writer
}

// Seed loads the generated province into the enterprise master (if it is
// empty) and ensures the demo organizations and accounts.
func Seed(ctx context.Context, acc *access.Service, subjects *subject.Service, opts Options) ([]Account, error) {
	n, err := subjects.Count(ctx)
	if err != nil {
		return nil, err
	}
	gen, err := generate.New(opts.Seed, opts.Enterprises, opts.Region)
	if err != nil {
		return nil, err
	}
	if n == 0 && opts.Enterprises > 0 {
		if err := load(ctx, subjects, gen, opts.Progress); err != nil {
			return nil, err
		}
	}
	// The demo enterprise account belongs to the first company in the
	// province, so its owner can look at its own profile.
	var firm subject.Subject
	for _, s := range gen.All() {
		if s.Type == subject.TypeEnterprise {
			firm = s
			break
		}
	}
	specs := []struct {
		user  string
		kind  access.OrgKind
		org   string
		code  string
		roles []access.Role
	}{
		{"operator", access.OrgOperator, "宁夏社会信用中心（演示）", "DEMO-OPERATOR", []access.Role{access.RoleOperatorAdmin, access.RoleOperator}},
		{"provider", access.OrgProvider, "宁夏市场监督管理厅（演示）", "DEMO-PROVIDER-SCJG", []access.Role{access.RoleProviderAdmin, access.RoleProviderSubmitter}},
		{"bank", access.OrgInstitution, "信融演示银行宁夏分行", "DEMO-BANK", []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}},
		{"enterprise", access.OrgEnterprise, firm.Name, firm.USCC, []access.Role{access.RoleEnterpriseAdmin}},
		{"regulator", access.OrgRegulator, "宁夏地方金融管理局（演示）", "DEMO-REGULATOR", []access.Role{access.RoleRegulatorViewer}},
	}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	var out []Account
	for _, sp := range specs {
		if sp.org == "" {
			continue // a province without companies has no enterprise account
		}
		org, _, err := acc.EnsureOrganization(sys, access.NewOrganization{Kind: sp.kind, Name: sp.org, Code: sp.code})
		if err != nil {
			return nil, fmt.Errorf("demo: organization %s: %w", sp.org, err)
		}
		if _, _, err := acc.EnsureUser(sys, access.NewUser{OrgID: org.ID, Username: sp.user, DisplayName: sp.org,
			Roles: sp.roles, Password: Password}); err != nil {
			return nil, fmt.Errorf("demo: account %s: %w", sp.user, err)
		}
		out = append(out, Account{Username: sp.user, OrgKind: sp.kind, OrgName: sp.org, Roles: sp.roles})
	}
	return out, nil
}

// load imports the generated enterprises, showing a progress line.
func load(ctx context.Context, subjects *subject.Service, gen *generate.Generator, progress io.Writer) error {
	start := time.Now()
	total := gen.Len()
	report := func(r subject.ImportResult) {
		if progress != nil {
			fmt.Fprintf(progress, "\r载入企业 / loading enterprises: %d / %d  %.1fs", r.Read, total, time.Since(start).Seconds())
		}
	}
	res, err := subjects.Import(ctx, func(yield func(subject.Subject) bool) {
		for _, s := range gen.All() {
			if !yield(s) {
				return
			}
		}
	}, report)
	if progress != nil {
		fmt.Fprintln(progress)
	}
	if err != nil {
		return fmt.Errorf("demo: load enterprises: %w", err)
	}
	if res.Rejected > 0 {
		return fmt.Errorf("demo: %d generated enterprises were rejected, first: %v", res.Rejected, res.Errors[0])
	}
	return nil
}
