// SPDX-License-Identifier: Apache-2.0

// Package access decides who may use a node and with which powers: the
// organizations that take part in the financing credit service, their
// people (users) and their machines (API clients), and the proof each of
// them carries on every request (a browser session or an access token).
//
// # Who takes part
//
// A node is run by a credit centre (信用中心, kind operator). It keeps the
// catalog, admits data providers and institutions, handles objections and
// credit repair, and answers for the platform's security assessment.
//
// Data providers (数据提供单位, kind provider) are the departments that
// deliver credit information: tax, courts, market regulation, customs,
// social security, utilities. Their staff and systems submit batches and
// read receipts; they never see other providers' data.
//
// Access institutions (接入机构, kind institution) are the banks, insurers,
// guarantee companies and credit agencies admitted to the platform. Their
// query officers run authorized queries and verifications, their approvers
// decide applications, and their administrators manage their own staff and
// API clients. An institution sees enterprise data only through the gate in
// access/consent, for a stated purpose, under an agreement and a consent.
//
// Enterprises (信息主体, kind enterprise) are the subjects of the data: they
// query their own credit profile free of charge, grant and revoke
// authorizations, raise objections and apply for repair.
//
// Regulators and government departments (监管/政府, kind regulator) watch
// statistics and evaluate institutions; they read aggregates, not files.
//
// # Least privilege
//
// Every account belongs to exactly one organization and may hold only the
// roles its organization's kind allows (a bank clerk can never be given an
// operator role), and machine clients never hold administrator roles.
// Credit information about an enterprise is personal to it and often
// commercially sensitive (52号文: 可用不可见); the fewer people and programs
// able to reach it, the smaller the harm of a stolen password or token.
// For the same reason the platform can stop a whole organization at once:
// suspending it ends every session and token of its people and machines on
// the next request, because each request checks the organization's status.
//
// # Secrets
//
// Passwords and client secrets are stored only as argon2id hashes (PHC
// string format). Session cookies and access tokens are 32 random bytes of
// which only the SHA-256 is stored, so a copy of the database does not let
// anyone sign in. Failed sign-ins are counted per user name and address in
// the database, so that every process of a node applies the same lockout.
//
// # Using it
//
// Build one Service per process over the SQL store and put the HTTP
// adapters of package httpx in front of every route:
//
//	svc := access.New(store, access.Options{SessionTTL: cfg.SessionTTL})
//	csrf, err := httpx.CSRF(httpx.CSRFOptions{Secret: secret, SecureCookies: cfg.SecureCookies,
//		BypassPatterns: []string{"POST /api/v1/oauth/token"}})
//	h := httpx.Authenticate(svc, httpx.AuthOptions{SecureCookies: cfg.SecureCookies})(csrf(mux))
//
// Handlers find the caller with PrincipalFrom(r.Context()) and guard routes
// with httpx.RequirePrincipal / httpx.RequireRole; the services enforce the
// same rules again, so a forgotten wrapper does not open a hole. Sign-in
// pages call Login, then httpx.SetSessionCookie; sign-out calls Logout with
// the token from httpx.SessionFrom. The token endpoint calls IssueToken and
// maps ErrInvalidClient, ErrInvalidScope and ErrUnauthorizedClient to the
// OAuth error codes of RFC 6749 §5.2. A periodic job calls PurgeExpired.
//
// Administrative calls (CreateOrganization, CreateUser, CreateClient, …)
// take the acting principal from the context. The command line and start-up
// seeding act as the node itself, with SystemPrincipal; EnsureOrganization
// and EnsureUser are idempotent, so demo accounts can be seeded on every
// start:
//
//	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
//	org, _, err := svc.EnsureOrganization(sys, access.NewOrganization{
//		Kind: access.OrgInstitution, Name: "演示银行", Code: "DEMO-BANK"})
//	u, _, err := svc.EnsureUser(sys, access.NewUser{OrgID: org.ID, Username: "demo.bank",
//		Roles: []access.Role{access.RoleInstitutionQueryOfficer}, Password: pw})
package access
