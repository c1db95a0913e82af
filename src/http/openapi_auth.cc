// The account routes' part of the OpenAPI document (docs/accounts.md).
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kAuthOpenApi = R"json({
  "paths": {
    "/api/v1/auth/signup": {
      "post": {
        "operationId": "signUp",
        "summary": "Create an unverified account and its supplier company; e-mails a verification link. An address that has an account gets the same answer (and a different e-mail).",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SignUp"}}}},
        "responses": {
          "202": {"description": "Accepted; check your e-mail.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/RateLimited"}
        }
      }
    },
    "/api/v1/auth/verify-email": {
      "post": {
        "operationId": "verifyEmail",
        "summary": "Confirm an e-mail address with the token from the link (single use, 10 minutes).",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenBody"}}}},
        "responses": {
          "204": {"description": "Verified."},
          "400": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/auth/login": {
      "post": {
        "operationId": "logIn",
        "summary": "Sign in. Sets the __Host-tb_session cookie (Secure, HttpOnly, SameSite=Lax) with a new session id; the body holds the CSRF token that cookie-authenticated writes must send in X-CSRF-Token.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Login"}}}},
        "responses": {
          "200": {"description": "Signed in.", "headers": {"Set-Cookie": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoginResult"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"description": "invalid_credentials, totp_required or totp_invalid.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "403": {"description": "email_unverified, or csrf for a foreign Origin.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "415": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/RateLimited"}
        }
      }
    },
    "/api/v1/auth/logout": {
      "post": {
        "operationId": "logOut",
        "summary": "End this session server-side and expire the cookie.",
        "security": [{"session": []}],
        "responses": {"204": {"description": "Signed out."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/auth/session": {
      "get": {
        "operationId": "getSession",
        "summary": "Who is signed in (user null for nobody), memberships, second-factor state and the CSRF token.",
        "responses": {"200": {"description": "The session.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}}}
      }
    },
    "/api/v1/auth/password-reset": {
      "post": {
        "operationId": "requestPasswordReset",
        "summary": "E-mail a reset link when the address has an account. Always 202.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EmailBody"}}}},
        "responses": {"202": {"description": "Accepted."}, "400": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"}, "429": {"$ref": "#/components/responses/RateLimited"}}
      }
    },
    "/api/v1/auth/password-reset/confirm": {
      "post": {
        "operationId": "confirmPasswordReset",
        "summary": "Set a new password with the token from the link; every session of the user ends.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResetConfirm"}}}},
        "responses": {"204": {"description": "Changed."}, "400": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/auth/totp/setup": {
      "post": {
        "operationId": "beginTotpSetup",
        "summary": "A new authenticator secret, not active until confirmed.",
        "security": [{"session": []}],
        "responses": {"200": {"description": "The secret.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TotpSetup"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/auth/totp/confirm": {
      "post": {
        "operationId": "confirmTotp",
        "summary": "Activate the pending secret with a current code; this session becomes MFA-verified.",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CodeBody"}}}},
        "responses": {"204": {"description": "Active."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/auth/reauthenticate": {
      "post": {
        "operationId": "reauthenticate",
        "summary": "Step-up: confirm the password (and code) again before a sensitive action such as a role grant.",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reauthenticate"}}}},
        "responses": {"204": {"description": "Confirmed."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "429": {"$ref": "#/components/responses/RateLimited"}}
      }
    },
    "/api/v1/auth/invitations/accept": {
      "post": {
        "operationId": "acceptInvitation",
        "summary": "Join the organisation of an invitation; creates the account when the address has none (password and display_name then required).",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AcceptInvitation"}}}},
        "responses": {"204": {"description": "Joined."}, "400": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/organisations/{id}/invitations": {
      "post": {
        "operationId": "inviteMember",
        "summary": "Invite an e-mail address into the organisation with roles (its owner or an administrator).",
        "security": [{"session": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invitation"}}}},
        "responses": {"201": {"description": "Invited.", "content": {"application/json": {"schema": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/organisations/{id}/invitations/{invitation}": {
      "delete": {
        "operationId": "revokeInvitation",
        "summary": "Revoke a pending invitation (its owner or an administrator): the link stops working at once and accepting it answers invalid_token, as for an unknown token. 404 for an unknown, accepted or other organisation's invitation, and for an organisation the caller is not a member of.",
        "security": [{"session": []}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
          {"name": "invitation", "in": "path", "required": true, "schema": {"type": "integer"}}
        ],
        "responses": {"204": {"description": "Revoked."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/organisations/{id}/members/{user}": {
      "delete": {
        "operationId": "removeMember",
        "summary": "Remove a member (its owner or an administrator, after a step-up within 15 minutes; removing an administrator takes an administrator), or leave (the member itself, no step-up). The member's sessions and API tokens lose the rights of the membership with this answer. 409 last_owner for the organisation's last owner: transfer ownership first.",
        "security": [{"session": []}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
          {"name": "user", "in": "path", "required": true, "schema": {"type": "integer"}}
        ],
        "responses": {"204": {"description": "Removed."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/organisations/{id}/owner": {
      "post": {
        "operationId": "transferOwnership",
        "summary": "Make an existing member the organisation's only owner (its owner or an administrator, after a step-up within 15 minutes). Earlier owners stay members with their roles, without ownership.",
        "security": [{"session": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewOwner"}}}},
        "responses": {"200": {"description": "The new owner.", "content": {"application/json": {"schema": {"type": "object", "required": ["owner"], "properties": {"owner": {"type": "integer"}}}}}}, "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/organisations/{id}/members": {
      "get": {
        "operationId": "listMembers",
        "summary": "The organisation's members with their roles and its open invitations (its owners and administrators; 404 for everyone else, as for an organisation that does not exist).",
        "security": [{"session": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "Members and invitations.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrganisationMembers"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/organisations/{id}/members/{user}/roles": {
      "post": {
        "operationId": "setMemberRoles",
        "summary": "Replace a member's roles (its owner or an administrator, after a step-up within 15 minutes).",
        "security": [{"session": []}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
          {"name": "user", "in": "path", "required": true, "schema": {"type": "integer"}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RolesBody"}}}},
        "responses": {"200": {"description": "The roles now held.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RolesBody"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/auth/tokens": {
      "get": {
        "operationId": "listApiTokens",
        "summary": "The caller's API tokens (never the secrets).",
        "security": [{"session": []}],
        "responses": {"200": {"description": "Tokens.", "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ApiToken"}}}}}}}, "401": {"$ref": "#/components/responses/Problem"}}
      },
      "post": {
        "operationId": "createApiToken",
        "summary": "A new API token for Authorization: Bearer; shown once, stored hashed.",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewApiToken"}}}},
        "responses": {"201": {"description": "The token.", "content": {"application/json": {"schema": {"type": "object", "required": ["id", "token"], "properties": {"id": {"type": "integer"}, "token": {"type": "string"}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/auth/tokens/{id}": {
      "delete": {
        "operationId": "revokeApiToken",
        "summary": "Revoke one of the caller's tokens.",
        "security": [{"session": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "Revoked."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    }
  },
  "components": {
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "__Host-tb_session", "description": "Browser session; writes also need X-CSRF-Token and a same-origin Origin."},
      "apiToken": {"type": "http", "scheme": "bearer", "description": "An API token (tbk_...) from POST /api/v1/auth/tokens."}
    },
    "responses": {
      "RateLimited": {"description": "Too many requests; Retry-After says when to retry.", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "Role": {"type": "string", "enum": ["supplier_user", "agency_officer", "committee_member", "evaluator", "centre_staff", "administrator"]},
      "SignUp": {
        "type": "object", "additionalProperties": false,
        "required": ["email", "password", "display_name", "company"],
        "properties": {
          "email": {"type": "string"}, "password": {"type": "string", "minLength": 12, "maxLength": 128},
          "display_name": {"type": "string"}, "language": {"type": "string", "enum": ["en", "fr", "es", "zh", "ar", "ru"]},
          "company": {"type": "object", "additionalProperties": false, "required": ["name", "country"], "properties": {"name": {"type": "string"}, "country": {"type": "string", "description": "ISO 3166-1 alpha-2"}}}
        }
      },
      "TokenBody": {"type": "object", "additionalProperties": false, "required": ["token"], "properties": {"token": {"type": "string"}}},
      "EmailBody": {"type": "object", "additionalProperties": false, "required": ["email"], "properties": {"email": {"type": "string"}}},
      "CodeBody": {"type": "object", "additionalProperties": false, "required": ["code"], "properties": {"code": {"type": "string"}}},
      "Login": {"type": "object", "additionalProperties": false, "required": ["email", "password"], "properties": {"email": {"type": "string"}, "password": {"type": "string"}, "totp": {"type": "string"}}},
      "Reauthenticate": {"type": "object", "additionalProperties": false, "required": ["password"], "properties": {"password": {"type": "string"}, "totp": {"type": "string"}}},
      "ResetConfirm": {"type": "object", "additionalProperties": false, "required": ["token", "password"], "properties": {"token": {"type": "string"}, "password": {"type": "string"}}},
      "AcceptInvitation": {"type": "object", "additionalProperties": false, "required": ["token"], "properties": {"token": {"type": "string"}, "password": {"type": "string"}, "display_name": {"type": "string"}, "language": {"type": "string"}}},
      "Invitation": {"type": "object", "additionalProperties": false, "required": ["email", "roles"], "properties": {"email": {"type": "string"}, "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}}},
      "RolesBody": {"type": "object", "additionalProperties": false, "required": ["roles"], "properties": {"roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}}},
      "NewOwner": {"type": "object", "additionalProperties": false, "required": ["user_id"], "properties": {"user_id": {"type": "integer", "description": "An existing member of the organisation."}}},
      "NewApiToken": {"type": "object", "additionalProperties": false, "required": ["name", "scopes"], "properties": {"name": {"type": "string"}, "scopes": {"type": "array", "items": {"type": "string"}}}},
      "User": {
        "type": "object",
        "required": ["id", "email", "display_name", "language", "email_verified", "mfa_enrolled", "created_at"],
        "properties": {"id": {"type": "integer"}, "email": {"type": "string"}, "display_name": {"type": "string"}, "language": {"type": "string"}, "email_verified": {"type": "boolean"}, "mfa_enrolled": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"}}
      },
      "LoginResult": {"type": "object", "required": ["user", "csrf_token"], "properties": {"user": {"$ref": "#/components/schemas/User"}, "csrf_token": {"type": "string"}}},
      "Membership": {
        "type": "object",
        "required": ["organisation_id", "organisation_name", "kind", "owner", "roles"],
        "properties": {"organisation_id": {"type": "integer"}, "organisation_name": {"type": "string"}, "kind": {"type": "string", "enum": ["supplier", "agency", "centre"]}, "owner": {"type": "boolean"}, "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}}
      },
      "Session": {
        "type": "object",
        "required": ["user", "memberships", "mfa", "csrf_token"],
        "properties": {
          "user": {"oneOf": [{"$ref": "#/components/schemas/User"}, {"type": "null"}]},
          "memberships": {"type": "array", "items": {"$ref": "#/components/schemas/Membership"}},
          "mfa": {"type": "object", "required": ["enrolled", "verified"], "properties": {"enrolled": {"type": "boolean"}, "verified": {"type": "boolean"}}},
          "csrf_token": {"type": ["string", "null"]}
        }
      },
      "OrganisationMembers": {
        "type": "object",
        "required": ["organisation", "members", "invitations"],
        "properties": {
          "organisation": {"type": "object", "required": ["id", "name", "kind", "country"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string", "enum": ["supplier", "agency", "centre"]}, "country": {"type": "string"}}},
          "members": {"type": "array", "items": {
            "type": "object",
            "required": ["user_id", "display_name", "email", "owner", "roles", "mfa_enrolled", "email_verified", "created_at"],
            "properties": {"user_id": {"type": "integer"}, "display_name": {"type": "string"}, "email": {"type": "string"}, "owner": {"type": "boolean"}, "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}, "mfa_enrolled": {"type": "boolean"}, "email_verified": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time", "description": "When the account was created."}}
          }},
          "invitations": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "email", "roles", "invited_by", "created_at", "expires_at"],
            "properties": {"id": {"type": "integer"}, "email": {"type": "string"}, "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}, "invited_by": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"}, "expires_at": {"type": "string", "format": "date-time"}}
          }}
        }
      },
      "TotpSetup": {"type": "object", "required": ["secret", "otpauth_uri"], "properties": {"secret": {"type": "string"}, "otpauth_uri": {"type": "string"}}},
      "ApiToken": {
        "type": "object",
        "required": ["id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "prefix": {"type": "string"}, "scopes": {"type": "array", "items": {"type": "string"}}, "created_at": {"type": "string", "format": "date-time"}, "last_used_at": {"type": ["string", "null"]}, "revoked_at": {"type": ["string", "null"]}}
      }
    }
  }
})json";

}  // namespace tb::http::internal
