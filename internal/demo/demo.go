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
	"os"
	"path/filepath"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/ingest"
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
	code     string // the organization's code
}

// Options say what to seed.
type Options struct {
	Enterprises int     // how many enterprises the province has
	Seed        uint64  // generator seed: the same seed gives the same province
	Region      string  // province code, e.g. 640000
	BadRows     float64 // share of deliberately broken rows in the providers' files
	Dir         string  // where the providers' files are written
	Progress    io.Writer
}

// Seed writes the generated province's provider files (once), collects
// them through the real collection path when the master is empty — the
// registration file builds the master, the others become records, broken
// rows are rejected or quarantined — and ensures the demo organizations and
// accounts.
func Seed(ctx context.Context, acc *access.Service, subjects *subject.Service, col *ingest.Service, opts Options) ([]Account, error) {
	n, err := subjects.Count(ctx)
	if err != nil {
		return nil, err
	}
	gen, err := generate.New(opts.Seed, opts.Enterprises, opts.Region)
	if err != nil {
		return nil, err
	}
	if n == 0 && opts.Enterprises > 0 {
		if err := collect(ctx, col, opts); err != nil {
			return nil, err
		}
	}
	// The demo enterprise account belongs to the first company in the
	// province that made it into the master, so its owner can look at its
	// own profile.
	var firm subject.Subject
	for _, s := range gen.All() {
		if s.Type != subject.TypeEnterprise {
			continue
		}
		if _, err := subjects.Get(ctx, s.USCC); err == nil {
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
		{"provider", access.OrgProvider, "宁夏回族自治区市场监督管理厅", "P-SCJG-" + opts.Region, []access.Role{access.RoleProviderAdmin, access.RoleProviderSubmitter}},
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
		if sp.kind == access.OrgProvider {
			// The provider's staff submit and read receipts for its deliveries.
			if p, err := col.Provider(ctx, sp.code); err == nil && p.OrgID != org.ID {
				p.OrgID = org.ID
				if _, err := col.RegisterProvider(ctx, p); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, Account{Username: sp.user, OrgKind: sp.kind, OrgName: sp.org, Roles: sp.roles, code: sp.code})
	}
	return out, nil
}

// collect generates the province's files unless they exist and collects
// every file listed in their manifest.
func collect(ctx context.Context, col *ingest.Service, opts Options) error {
	manifest := filepath.Join(opts.Dir, "manifest.json")
	if _, err := os.Stat(manifest); err != nil {
		if _, err := generate.Run(ctx, generate.Options{Enterprises: opts.Enterprises, Out: opts.Dir, Seed: opts.Seed,
			BadRows: opts.BadRows, Region: opts.Region}, opts.Progress); err != nil {
			return fmt.Errorf("demo: generate province: %w", err)
		}
	}
	m, err := ingest.ReadManifest(manifest)
	if err != nil {
		return err
	}
	if err := col.RegisterManifestProviders(ctx, m); err != nil {
		return err
	}
	start := time.Now()
	var total ingest.Counts
	inputs := m.Inputs()
	for i, in := range inputs {
		b, err := col.IngestFile(ctx, in)
		if err != nil {
			return fmt.Errorf("demo: collect %s: %w", in.Name, err)
		}
		total.Add(b.Counts)
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "\r归集 / collecting: %d/%d files, %d rows (%d accepted, %d rejected, %d quarantined) %.1fs   ",
				i+1, len(inputs), total.Received, total.Accepted, total.Rejected, total.Quarantined, time.Since(start).Seconds())
		}
	}
	if opts.Progress != nil {
		fmt.Fprintln(opts.Progress)
	}
	return nil
}
