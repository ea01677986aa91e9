/**
 * The Warmflow API's types, generated from its OpenAPI document (/api/v1/openapi.json).
 * Do not edit: change the API's route schemas and run `pnpm gen:api-types`.
 */

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Wrong e-mail address or password */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description Too many attempts */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user and the CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears the cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["InvalidRequest"];
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing CSRF token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ways to sign in (public): password, and single sign-on when configured */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sign-in options */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuthProviders"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Single sign-on: redirects the browser to the identity provider
         * @description Authorization code flow with PKCE; state, nonce and verifier travel in a short-lived, encrypted, HttpOnly cookie. 404 when single sign-on is not configured.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Path in the editor to return to after signing in. */
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the identity provider */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Back to the sign-in page with ?ssoError=<code> (browsers, on failure) */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["InvalidRequest"];
                /** @description Single sign-on is off */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The identity provider cannot be reached */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Single sign-on: the identity provider returns here; sets the session cookie
         * @description Checks state, exchanges the code (with the PKCE verifier) and the ID token (issuer, audience, signature, nonce, expiry), finds the account by its linked subject or, on the first sign-in, by verified e-mail address, and starts a session. 404 when single sign-on is not configured.
         */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    error?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed in: to the editor. Refused (browsers): to the sign-in page with ?ssoError=<code> */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description State missing, altered or expired; or the provider refused */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No (active) Warmflow account for this person */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Single sign-on is off */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The identity provider cannot be reached */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the audit log, newest first, with filters */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    action?: string;
                    actorId?: string;
                    objectType?: string;
                    objectId?: string;
                    teamId?: string;
                    since?: string;
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Audit entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AuditEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                404: components["responses"]["NotFound"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Access report for one run: who read or acted on the run and its tasks (NEN 7513) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunAccessReport"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such run */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AdminUser"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        /** Create a user; without a password one is generated and returned once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password?: string;
                        /** @default [] */
                        roles?: ("admin" | "designer" | "approver" | "developer" | "privacy")[];
                        /** @default [] */
                        teamIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["AdminUser"];
                            generatedPassword?: string;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such team */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description E-mail address taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's name or roles, or disable the account (ends its sessions) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        roles?: ("admin" | "designer" | "approver" | "developer" | "privacy")[];
                        disabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUser"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such user */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List teams */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Teams */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Team"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        /** Create a team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Team"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description Name taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/teams/{teamId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a user to a team */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user with teams */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUser"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such team or user */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        post?: never;
        /** Remove a user from a team */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user with teams */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUser"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such membership */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kinds of credential the loaded node types use, with the form to fill in for each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One type per secret slot, sorted by slot */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CredentialType"][];
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a credential before saving it: connect and log in, without using it in a flow */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        type: string;
                        /** @description The filled-in form of the credential type, by field name */
                        fields: {
                            [key: string]: string | number | boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description What the test found */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CredentialTestResult"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description A field is not filled in correctly */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a stored credential: connect and log in, without using it in a flow */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the test found */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CredentialTestResult"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such credential */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description No credential key configured */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the credentials of the viewer's teams (names only, never values) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    teamId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Credentials */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Credential"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                404: components["responses"]["NotFound"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        /** Store a new credential (encrypted with AES-256-GCM) */
        post: {
            parameters: {
                query?: {
                    teamId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default  */
                        description?: string;
                        value?: string;
                        /** @description The filled-in form of the credential type, by field name */
                        fields?: {
                            [key: string]: string | number | boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description Stored */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credential"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                404: components["responses"]["NotFound"];
                /** @description A credential with this name exists in the team */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description A field of the form is not filled in correctly */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No credential key configured */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the value (rotate) or the description of a credential */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        value?: string;
                        /** @description The filled-in form of the credential type, by field name */
                        fields?: {
                            [key: string]: string | number | boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credential"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such credential */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description A field of the form is not filled in correctly */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        post?: never;
        /** Delete a credential */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such credential */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the flows of the viewer's teams, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    teamId?: string;
                    /** @description Part of the name */
                    q?: string;
                    archived?: "true" | "false" | "all";
                    published?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The flows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Flow"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                404: components["responses"]["NotFound"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        /** Create a flow as a draft (publish it to run it) */
        post: {
            parameters: {
                query?: {
                    /** @description Team for the new flow; needed when you are in several */
                    teamId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default  */
                        description?: string;
                        /** @default 90 */
                        retentionDays?: number;
                        /** @enum {string} */
                        retentionRecords?: "keep" | "remove";
                        /** @default [] */
                        tags?: string[];
                        impact?: {
                            minutesByHand?: number;
                            minutesByHandPerNode?: {
                                [key: string]: number;
                            };
                        };
                        nodes: {
                            id: string;
                            type: string;
                            version: number;
                            label?: string;
                            /** @default {} */
                            config?: {
                                [key: string]: unknown;
                            };
                            /**
                             * @default {
                             *       "x": 0,
                             *       "y": 0
                             *     }
                             */
                            position?: {
                                x: number;
                                y: number;
                            };
                            options?: {
                                timeoutSeconds?: number;
                                retry?: {
                                    maximumAttempts?: number;
                                    initialIntervalSeconds?: number;
                                    backoffCoefficient?: number;
                                    maximumIntervalSeconds?: number;
                                };
                            };
                            credentials?: {
                                [key: string]: string;
                            };
                            input?: {
                                [key: string]: string;
                            };
                        }[];
                        /** @default [] */
                        edges?: {
                            id: string;
                            source: string;
                            /** @default out */
                            sourcePort?: string;
                            target: string;
                            /** @default in */
                            targetPort?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Flow"];
                    };
                };
                /** @description The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such team */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description You are not in any team yet */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a flow from an export file as a new draft (ids and owners in the file are ignored) */
        post: {
            parameters: {
                query?: {
                    /** @description Team for the new flow; needed when you are in several */
                    teamId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        format: "warmflow.flow/v1";
                        definition?: unknown;
                    };
                };
            };
            responses: {
                /** @description Imported */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Flow"];
                    };
                };
                /** @description The file is not a valid flow */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such team */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description You are not in any team yet */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one flow with its draft */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The flow */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Flow"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        /** Save the draft; 409 when someone saved a newer revision meanwhile */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        revision: number;
                        definition: {
                            name: string;
                            /** @default  */
                            description?: string;
                            /** @default 90 */
                            retentionDays?: number;
                            /** @enum {string} */
                            retentionRecords?: "keep" | "remove";
                            /** @default [] */
                            tags?: string[];
                            impact?: {
                                minutesByHand?: number;
                                minutesByHandPerNode?: {
                                    [key: string]: number;
                                };
                            };
                            nodes: {
                                id: string;
                                type: string;
                                version: number;
                                label?: string;
                                /** @default {} */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @default {
                                 *       "x": 0,
                                 *       "y": 0
                                 *     }
                                 */
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                options?: {
                                    timeoutSeconds?: number;
                                    retry?: {
                                        maximumAttempts?: number;
                                        initialIntervalSeconds?: number;
                                        backoffCoefficient?: number;
                                        maximumIntervalSeconds?: number;
                                    };
                                };
                                credentials?: {
                                    [key: string]: string;
                                };
                                input?: {
                                    [key: string]: string;
                                };
                            }[];
                            /** @default [] */
                            edges?: {
                                id: string;
                                source: string;
                                /** @default out */
                                sourcePort?: string;
                                target: string;
                                /** @default in */
                                targetPort?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Flow"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The draft was changed by someone else */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        post?: never;
        /** Delete a flow; a flow with running runs is archived instead */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Archived, because runs are still running */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            archived: true;
                        };
                    };
                };
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validate the draft: every problem, in Dutch and English */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The validation result */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            problems: {
                                code: string;
                                nodeId?: string;
                                edgeId?: string;
                                path?: (string | number)[];
                                message: {
                                    nl: string;
                                    en: string;
                                };
                            }[];
                            /** @description Privacy findings that depend on where the AI endpoint runs; publishing is allowed */
                            warnings: {
                                code: string;
                                nodeId?: string;
                                edgeId?: string;
                                path?: (string | number)[];
                                message: {
                                    nl: string;
                                    en: string;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the draft as a new immutable version (refused with the problems when invalid) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @default  */
                        note?: string;
                        /** @description When given, publish only if the draft is still at this revision */
                        revision?: number;
                    };
                };
            };
            responses: {
                /** @description Nothing changed since the newest version; that version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowVersion"];
                    };
                };
                /** @description Published */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowVersion"];
                    };
                };
                /** @description The flow is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The draft changed meanwhile, or (production) the flow starts by itself and its team lacks the SMTP credential it sends e-mail with */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the published versions, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["FlowVersion"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one published version with its definition */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowVersion"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow or version */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compare two versions (or a version and the draft) at node, edge and config level */
        get: {
            parameters: {
                query: {
                    /** @description A version number or `draft` */
                    from: "draft" | number;
                    /** @description A version number or `draft` */
                    to?: "draft" | number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The differences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowDiff"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow or version */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/versions/{version}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Roll back: publish an earlier version again as the newest version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Already the newest */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowVersion"];
                    };
                };
                /** @description Published again */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowVersion"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow or version */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description (Production) the flow starts by itself and its team lacks the SMTP credential it sends e-mail with */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the draft or one version as a JSON file */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The export */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowExport"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow or version */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a run of the newest published version of a flow */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A repeat with the same key returns the same run */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @default {} */
                        input?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The run an earlier request with the same Idempotency-Key started */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunSummary"];
                    };
                };
                /** @description The run was started */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunSummary"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The flow is not published or archived */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/test-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the current draft: validate it and run it as it is now, without publishing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @default {} */
                        input?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The test run was started (trigger `test`); GET /runs/{id}/flow shows what it ran */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunSummary"];
                    };
                };
                /** @description The draft is not valid (every problem), or the input does not fit */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The flow is archived */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the runs of the viewer's teams, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    flowId?: string;
                    teamId?: string;
                    status?: "starting" | "running" | "completed" | "failed" | "cancelled" | "terminated" | "timed_out" | "unknown" | "removed" | "erased";
                    trigger?: "manual" | "webhook" | "form" | "retry" | "test" | "schedule";
                    startedBy?: string;
                    since?: string;
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The runs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RunSummary"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                404: components["responses"]["NotFound"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a run: status, output and per-node progress (personal data redacted unless allowed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Run"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such run */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/flow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The flow definition the run ran with: its published version, or the test snapshot */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The definition */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunFlow"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such run */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a running run (its nodes get the chance to stop cleanly) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cancellation requested */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunSummary"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such run */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The run is not running */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a new run of the flow version (or test definition) the run ran, with the same input */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new run */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunSummary"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such run */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The run is still running, or the flow is archived */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/webhook/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make (or replace) the webhook signing secret; it is shown only in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSecret"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description No key configured */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/flows/{id}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The flow's webhook address and whether a secret is set (never the secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The webhook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            hasSecret: boolean;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a run by signed webhook; answers with the output when the run finishes in time, else 202 */
        post: {
            parameters: {
                query?: {
                    /** @description Seconds to wait for the result (0: answer at once); capped by the server */
                    wait?: number | null;
                };
                header?: {
                    "webhook-id"?: string;
                    "webhook-timestamp"?: string;
                    "webhook-signature"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The run finished */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookAnswer"];
                    };
                };
                /** @description The run is still running; poll statusUrl */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookAnswer"];
                    };
                };
                /** @description The body does not fit the trigger */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Signature refused */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such webhook */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The flow is not published or is archived, or the run of this delivery was erased */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/forms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public intake form of a flow: fields, labels and help in Dutch and English */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The form */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicForm"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                /** @description No such form */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        /** Send the intake form (no sign-in; size- and rate-limited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Received */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            thanks: {
                                nl: string;
                                en: string;
                            };
                        };
                    };
                };
                /** @description Fields do not fit the form */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such form */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                415: components["responses"]["NotJson"];
                /** @description Too many submissions */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live run progress: `progress` events while it runs, then one `end` event */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such run */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** New tasks for my teams as they arrive (`task` events) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The inbox: my tasks, my team's, unassigned, due soon or overdue */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    view?: "team" | "mine" | "unassigned" | "due_soon" | "overdue";
                    status?: "open" | "completed" | "expired" | "cancelled";
                    teamId?: string;
                    dueWithinHours?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tasks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TaskSummary"][];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                404: components["responses"]["NotFound"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a task: what to check, the form, and its history (the read is audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The task */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Activity beat while a task is open in a visible, used tab; feeds the handling time of the impact report */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Counted (a beat on a closed task changes nothing) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim an unassigned task */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Claimed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Closed, or claimed by someone else */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/unclaim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a claimed task back to the team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unassigned */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not yours, or closed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The colleagues the task can be handed over to: active members of its team who may do it (e-mail for admins only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The colleagues, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TaskCandidate"][];
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a task over to a colleague in the same team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description Handed over */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description The colleague cannot take this task */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not yours, or closed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or reject a task, with a reason and edited fields; exactly one decision counts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "approve" | "reject";
                        reason?: string;
                        /** @default {} */
                        fields?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Decided; the new state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                /** @description Fields do not fit the form */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                /** @description Four eyes: the starter of the run may not decide */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such task */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Already decided, or assigned to someone else */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description The run did not take the decision in time (its worker is gone or stuck) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List node types with their JSON Schemas */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every loaded node type, sorted by type then version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["NodeType"][];
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List loaded plugins and plugins that failed to load */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Loaded plugins (built-in ones included) and load failures with the reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Plugin"][];
                            failures: components["schemas"]["PluginFailure"][];
                        };
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/node-upgrades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview upgrading a node to a newer version: the new config and every change */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NodeUpgradeRequest"];
                };
            };
            responses: {
                /** @description The proposed upgrade */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NodeUpgrade"];
                    };
                };
                /** @description The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowedOrNoCsrf"];
                /** @description The node type or version is not loaded */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What flows save: cases, minutes saved against the baseline, handling and lead times, AI drafts accepted, edited or rejected (aggregates only) */
        get: {
            parameters: {
                query?: {
                    /** @description One flow (of your teams) */
                    flowId?: string;
                    /** @description One of your teams */
                    teamId?: string;
                    /** @description Default: 12 weeks ago */
                    from?: string;
                    /** @description Default: now */
                    to?: string;
                    bucket?: "week";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImpactReport"];
                    };
                };
                /** @description The period is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such flow or team (or not yours) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the messages of the local test outbox (never really sent), newest first */
        get: {
            parameters: {
                query?: {
                    teamId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OutboxList"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                404: components["responses"]["NotFound"];
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/outbox/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one message of the local test outbox */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OutboxMessage"];
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                403: components["responses"]["NotAllowed"];
                /** @description No such message */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The processing register (AVG art. 30) from the published flows: purpose, personal data, data subjects, recipients, retention and safeguards; as JSON, CSV or Markdown */
        get: {
            parameters: {
                query?: {
                    /** @description csv and md answer a file to download (Content-Disposition: attachment) */
                    format?: "json" | "csv" | "md";
                    /** @description Language of the CSV and Markdown */
                    lang?: "nl" | "en";
                    /** @description One team only */
                    teamId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The register */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProcessingRegister"];
                        "text/csv": string;
                        "text/markdown": string;
                    };
                };
                400: components["responses"]["InvalidRequest"];
                401: components["responses"]["NotSignedIn"];
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such team (or not yours) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                503: components["responses"]["ServiceUnavailable"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subjects/find": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What Warmflow holds about one person: the runs their data went through and counts of what hangs off them */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example jan@example.nl */
                        email?: string;
                        /** @example 06-12345678 */
                        phone?: string;
                    };
                };
            };
            responses: {
                /** @description What is held */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Subject"];
                    };
                };
                /** @description No usable e-mail address or phone number */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                /** @description Only an administrator or the privacy officer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description Temporal or the database cannot be reached, or no credential key is set */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subjects/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The access export (AVG art. 15): every run, record and access-log line about one person, as JSON or a readable HTML page */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example jan@example.nl */
                        email?: string;
                        /** @example 06-12345678 */
                        phone?: string;
                        /**
                         * @default json
                         * @enum {string}
                         */
                        format?: "json" | "html";
                    };
                };
            };
            responses: {
                /** @description The export, as a file to download (Content-Disposition: attachment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                    };
                };
                /** @description No usable e-mail address or phone number */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                /** @description Only an administrator or the privacy officer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description Temporal or the database cannot be reached, or no credential key is set */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subjects/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erases one person (AVG art. 17): stops their running flows, destroys their runs' data keys, deletes the Temporal histories and erases their data from PostgreSQL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example jan@example.nl */
                        email?: string;
                        /** @example 06-12345678 */
                        phone?: string;
                        /**
                         * @description The ground for erasure (AVG art. 17(1))
                         * @enum {string}
                         */
                        reason: "consent_withdrawn" | "no_longer_needed" | "objection" | "unlawful" | "legal_obligation" | "other";
                        /** @description Case number of the request; kept in the audit log, so no names */
                        reference?: string;
                        /**
                         * @description Must be true: erasure cannot be undone
                         * @enum {boolean}
                         */
                        confirm: true;
                    };
                };
            };
            responses: {
                /** @description What was erased */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubjectErased"];
                    };
                };
                /** @description No usable e-mail address or phone number */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                401: components["responses"]["NotSignedIn"];
                /** @description Only an administrator or the privacy officer */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                413: components["responses"]["TooLarge"];
                415: components["responses"]["NotJson"];
                /** @description Temporal or the database cannot be reached, or no credential key is set */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The signed-in user and the token to send as X-CSRF-Token. */
        Session: {
            user: {
                id: string;
                email: string;
                name: string;
                roles: string[];
                teams: {
                    id: string;
                    name: string;
                }[];
            };
            csrfToken: string;
        };
        Problem: {
            type: string;
            status: number;
            code: string;
            title: string;
            detail: string;
            message: {
                nl: string;
                en: string;
            };
            errors?: {
                code: string;
                path?: (string | number)[];
                nodeId?: string;
                edgeId?: string;
                message: {
                    nl: string;
                    en: string;
                };
            }[];
        };
        /** @description The ways to sign in on this installation. */
        AuthProviders: {
            /** @description Sign-in with e-mail and password is possible. */
            password: boolean;
            /** @description Single sign-on through OpenID Connect; null when it is off. */
            oidc: {
                /** @description Name for the button: "Inloggen met <label>". */
                label: string;
                /** @description Send the browser here (a page load, not fetch). */
                startUrl: string;
            } | null;
        };
        AuditEntry: {
            id: string;
            at: string;
            actorId: string | null;
            actorEmail: string | null;
            onBehalfOf: string | null;
            action: string;
            objectType: string | null;
            objectId: string | null;
            teamId: string | null;
            ip: string | null;
            details: {
                [key: string]: unknown;
            };
        };
        RunAccessReport: {
            runId: string;
            teamId: string;
            accesses: {
                actorId: string | null;
                actorEmail: string | null;
                reads: number;
                actions: string[];
                firstAt: string;
                lastAt: string;
            }[];
            events: components["schemas"]["AuditEntry"][];
        };
        AdminUser: {
            id: string;
            email: string;
            name: string;
            roles: string[];
            teams: {
                id: string;
                name: string;
            }[];
            disabled: boolean;
            createdAt: string;
        };
        Team: {
            id: string;
            name: string;
            createdAt: string;
        };
        /** @description A kind of credential, named after a secret slot of the node types: the form to fill in. */
        CredentialType: {
            slot: string;
            title: {
                nl: string;
                en: string;
            };
            description: {
                nl: string;
                en: string;
            };
            fields: {
                name: string;
                label: {
                    nl: string;
                    en: string;
                };
                help?: {
                    nl: string;
                    en: string;
                };
                /** @enum {string} */
                kind: "text" | "secret" | "number" | "boolean" | "choice" | "list" | "url";
                required: boolean;
                default?: string | number | boolean;
                options?: {
                    value: string;
                    label: {
                        nl: string;
                        en: string;
                    };
                }[];
            }[];
            testable: boolean;
            required: boolean;
            usedBy: string[];
        };
        CredentialTestResult: {
            ok: boolean;
            code: string;
            message: {
                nl: string;
                en: string;
            };
            durationMs: number;
        };
        /** @description A stored secret. The value itself is never returned. */
        Credential: {
            id: string;
            teamId: string;
            name: string;
            description: string;
            createdAt: string;
            updatedAt: string;
        };
        Flow: {
            id: string;
            teamId: string;
            name: string;
            description: string;
            /** @description Draft revision; send it back with PUT */
            revision: number;
            latestVersion: number | null;
            archived: boolean;
            definition: {
                name: string;
                /** @default  */
                description: string;
                /** @default 90 */
                retentionDays: number;
                /** @enum {string} */
                retentionRecords?: "keep" | "remove";
                /** @default [] */
                tags: string[];
                impact?: {
                    minutesByHand?: number;
                    minutesByHandPerNode?: {
                        [key: string]: number;
                    };
                };
                nodes: {
                    id: string;
                    type: string;
                    version: number;
                    label?: string;
                    /** @default {} */
                    config: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default {
                     *       "x": 0,
                     *       "y": 0
                     *     }
                     */
                    position: {
                        x: number;
                        y: number;
                    };
                    options?: {
                        timeoutSeconds?: number;
                        retry?: {
                            maximumAttempts?: number;
                            initialIntervalSeconds?: number;
                            backoffCoefficient?: number;
                            maximumIntervalSeconds?: number;
                        };
                    };
                    credentials?: {
                        [key: string]: string;
                    };
                    input?: {
                        [key: string]: string;
                    };
                }[];
                /** @default [] */
                edges: {
                    id: string;
                    source: string;
                    /** @default out */
                    sourcePort: string;
                    target: string;
                    /** @default in */
                    targetPort: string;
                }[];
            };
            createdAt: string;
            updatedAt: string;
            /** @description The newest run of the flow (in lists only); null when it never ran. Its status is `removed` or `erased` once its contents are gone */
            lastRun?: {
                id: string;
                status: string;
                createdAt: string;
            } | null;
        };
        FlowVersion: {
            flowId: string;
            version: number;
            hash: string;
            note: string;
            authorId: string | null;
            createdAt: string;
            definition?: {
                name: string;
                /** @default  */
                description: string;
                /** @default 90 */
                retentionDays: number;
                /** @enum {string} */
                retentionRecords?: "keep" | "remove";
                /** @default [] */
                tags: string[];
                impact?: {
                    minutesByHand?: number;
                    minutesByHandPerNode?: {
                        [key: string]: number;
                    };
                };
                nodes: {
                    id: string;
                    type: string;
                    version: number;
                    label?: string;
                    /** @default {} */
                    config: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default {
                     *       "x": 0,
                     *       "y": 0
                     *     }
                     */
                    position: {
                        x: number;
                        y: number;
                    };
                    options?: {
                        timeoutSeconds?: number;
                        retry?: {
                            maximumAttempts?: number;
                            initialIntervalSeconds?: number;
                            backoffCoefficient?: number;
                            maximumIntervalSeconds?: number;
                        };
                    };
                    credentials?: {
                        [key: string]: string;
                    };
                    input?: {
                        [key: string]: string;
                    };
                }[];
                /** @default [] */
                edges: {
                    id: string;
                    source: string;
                    /** @default out */
                    sourcePort: string;
                    target: string;
                    /** @default in */
                    targetPort: string;
                }[];
            };
        };
        FlowDiff: {
            from: number | "draft";
            to: number | "draft";
            flow: {
                field: string;
                before?: unknown;
                after?: unknown;
            }[];
            nodes: {
                added: string[];
                removed: string[];
                changed: {
                    id: string;
                    changes: {
                        field: string;
                        before?: unknown;
                        after?: unknown;
                    }[];
                }[];
            };
            edges: {
                added: string[];
                removed: string[];
                changed: {
                    id: string;
                    changes: {
                        field: string;
                        before?: unknown;
                        after?: unknown;
                    }[];
                }[];
            };
        };
        FlowExport: {
            /** @enum {string} */
            format: "warmflow.flow/v1";
            exportedAt: string;
            sourceVersion: number | null;
            definition: {
                name: string;
                /** @default  */
                description: string;
                /** @default 90 */
                retentionDays: number;
                /** @enum {string} */
                retentionRecords?: "keep" | "remove";
                /** @default [] */
                tags: string[];
                impact?: {
                    minutesByHand?: number;
                    minutesByHandPerNode?: {
                        [key: string]: number;
                    };
                };
                nodes: {
                    id: string;
                    type: string;
                    version: number;
                    label?: string;
                    /** @default {} */
                    config: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default {
                     *       "x": 0,
                     *       "y": 0
                     *     }
                     */
                    position: {
                        x: number;
                        y: number;
                    };
                    options?: {
                        timeoutSeconds?: number;
                        retry?: {
                            maximumAttempts?: number;
                            initialIntervalSeconds?: number;
                            backoffCoefficient?: number;
                            maximumIntervalSeconds?: number;
                        };
                    };
                    credentials?: {
                        [key: string]: string;
                    };
                    input?: {
                        [key: string]: string;
                    };
                }[];
                /** @default [] */
                edges: {
                    id: string;
                    source: string;
                    /** @default out */
                    sourcePort: string;
                    target: string;
                    /** @default in */
                    targetPort: string;
                }[];
            };
        };
        RunSummary: {
            id: string;
            flowId: string;
            /** @description The published version the run ran; null for a test run of a draft */
            flowVersion: number | null;
            teamId: string;
            /** @enum {string} */
            status: "starting" | "running" | "completed" | "failed" | "cancelled" | "terminated" | "timed_out" | "unknown" | "removed" | "erased";
            /** @description `manual`, `webhook`, `form`, `retry` or `test` */
            trigger: string;
            startedBy: string | null;
            retryOf: string | null;
            createdAt: string;
            statusUrl: string;
            /** @description When the retention job removed the run's contents (status `removed`) */
            removedAt?: string;
            /** @description When the run's contents were erased on the request of the person it was about (status `erased`) */
            erasedAt?: string;
            /** @description The term (days) of the flow version the run ran with, after which it was removed */
            removedAfterDays?: number;
            /** @description For a removed or erased run: how it ended (`completed`, `failed`, …) */
            outcome?: string;
        };
        Run: components["schemas"]["RunSummary"] & {
            output?: unknown;
            error?: {
                message: string;
            };
            nodes?: {
                [key: string]: {
                    /** @enum {string} */
                    status: "pending" | "running" | "completed" | "failed" | "skipped" | "waiting";
                    startedAt?: string;
                    finishedAt?: string;
                    attempts: number;
                    output?: unknown;
                    error?: {
                        code: string;
                        message: string;
                    };
                };
            };
            /** @description True when personal-data fields were hidden from this viewer */
            redacted: boolean;
        };
        RunFlow: {
            /** @description The published version the run ran; null when it ran a test definition */
            version: number | null;
            /** @description True when the run ran a draft as a test (or retried one) */
            test: boolean;
            definition: {
                name: string;
                /** @default  */
                description: string;
                /** @default 90 */
                retentionDays: number;
                /** @enum {string} */
                retentionRecords?: "keep" | "remove";
                /** @default [] */
                tags: string[];
                impact?: {
                    minutesByHand?: number;
                    minutesByHandPerNode?: {
                        [key: string]: number;
                    };
                };
                nodes: {
                    id: string;
                    type: string;
                    version: number;
                    label?: string;
                    /** @default {} */
                    config: {
                        [key: string]: unknown;
                    };
                    /**
                     * @default {
                     *       "x": 0,
                     *       "y": 0
                     *     }
                     */
                    position: {
                        x: number;
                        y: number;
                    };
                    options?: {
                        timeoutSeconds?: number;
                        retry?: {
                            maximumAttempts?: number;
                            initialIntervalSeconds?: number;
                            backoffCoefficient?: number;
                            maximumIntervalSeconds?: number;
                        };
                    };
                    credentials?: {
                        [key: string]: string;
                    };
                    input?: {
                        [key: string]: string;
                    };
                }[];
                /** @default [] */
                edges: {
                    id: string;
                    source: string;
                    /** @default out */
                    sourcePort: string;
                    target: string;
                    /** @default in */
                    targetPort: string;
                }[];
            };
        };
        WebhookSecret: {
            url: string;
            secret: string;
        };
        WebhookAnswer: {
            runId: string;
            status: string;
            statusUrl: string;
            output?: unknown;
            error?: {
                message: string;
            };
        };
        PublicForm: {
            flowId: string;
            title: {
                nl: string;
                en: string;
            };
            intro?: {
                nl: string;
                en: string;
            };
            submitLabel: {
                nl: string;
                en: string;
            };
            honeypotField: string;
            /** @description JSON Schema of the fields, labels in x-label (nl/en) */
            schema: {
                [key: string]: unknown;
            };
        };
        TaskSummary: {
            id: string;
            runId: string;
            flowId: string;
            nodeId: string;
            teamId: string | null;
            role: string;
            assignee: string | null;
            title: {
                nl: string;
                en: string;
            };
            /** @enum {string} */
            status: "open" | "completed" | "expired" | "cancelled";
            deadline: string | null;
            overdue: boolean;
            fourEyes: boolean;
            createdAt: string;
            updatedAt: string;
        };
        Task: components["schemas"]["TaskSummary"] & {
            form: {
                /** @description The fields the approver may edit */
                fields: {
                    [key: string]: {
                        /** @enum {string} */
                        type: "string" | "text" | "number" | "integer" | "boolean" | "date" | "enum";
                        title: {
                            nl: string;
                            en: string;
                        };
                        description?: {
                            nl: string;
                            en: string;
                        };
                        /** @default false */
                        required: boolean;
                        options?: string[];
                        minimum?: number;
                        maximum?: number;
                        maxLength?: number;
                    };
                };
            };
            data: {
                [key: string]: unknown;
            };
            outcome: {
                [key: string]: unknown;
            } | null;
            history: {
                type: string;
                data: {
                    [key: string]: unknown;
                };
                at: string;
                /** @description Who did it (claimed, handed over or decided), by name */
                byName?: string;
                /** @description Who a hand-over went to, by name */
                toName?: string;
            }[];
            /** @description The name of the flow the task belongs to */
            flowName?: string;
            /** @description The name of the team member who has the task (absent when nobody has it) */
            assigneeName?: string;
        };
        TaskCandidate: {
            id: string;
            name: string;
            /** @description Only for admins */
            email?: string;
        };
        NodeType: {
            /** @example transform@1 */
            key: string;
            type: string;
            version: number;
            title: {
                nl: string;
                en: string;
            };
            description: {
                nl: string;
                en: string;
            };
            category: string;
            icon?: string;
            /** @description Output ports; one port `out` when absent. Every node also has `error`. */
            outputs?: {
                id: string;
                title: {
                    nl: string;
                    en: string;
                };
            }[];
            /** @description True when the ports depend on the config (e.g. one per switch case). */
            dynamicOutputs?: boolean;
            secrets: string[];
            personalData: {
                reads?: string[];
                /** @enum {string} */
                sendsOutside?: "never" | "always" | "when-endpoint-external";
            };
            /** @description A JSON Schema (draft 2020-12) */
            configSchema: {
                [key: string]: unknown;
            };
            /** @description A JSON Schema (draft 2020-12) */
            inputSchema: {
                [key: string]: unknown;
            };
            /** @description A JSON Schema (draft 2020-12) */
            outputSchema: {
                [key: string]: unknown;
            };
        };
        Plugin: {
            /** @example @zorg-utrecht/warmflow-client-registry */
            name: string;
            version: string;
            /** @description Engine versions the plugin was built for */
            engine?: string;
            /** @description Node keys (`type@version`) the plugin adds */
            nodes: string[];
        };
        PluginFailure: {
            name: string;
            /** @description The package name or folder as configured */
            spec: string;
            /** @example plugin.incompatible_engine */
            code: string;
            message: {
                nl: string;
                en: string;
            };
        };
        NodeUpgrade: {
            type: string;
            from: number;
            to: number;
            /** @description The config to save for the new version */
            config: {
                [key: string]: unknown;
            };
            changes: {
                path: string;
                /** @enum {string} */
                kind: "added" | "removed" | "changed";
                before?: unknown;
                after?: unknown;
            }[];
            valid: boolean;
            problems: {
                nl: string;
                en: string;
            }[];
        };
        NodeUpgradeRequest: {
            /** @example client-registry.lookup */
            type: string;
            version: number;
            /** @default {} */
            config: {
                [key: string]: unknown;
            };
            /** @description Default: the newest loaded version */
            toVersion?: number;
        };
        ImpactReport: {
            from: string;
            to: string;
            /** @enum {string} */
            bucket: "week";
            minCases: number;
            minPeople: number;
            totals: components["schemas"]["ImpactFigures"];
            weeks: components["schemas"]["ImpactWeek"][];
            flows: components["schemas"]["ImpactFlow"][];
        };
        ImpactFigures: {
            /** @description True when the group has fewer than 5 cases */
            hidden: boolean;
            cases: number | null;
            completed: number | null;
            failed: number | null;
            /** @description Cases from example history ("voorbeeldgegevens"), not real work */
            exampleCases: number | null;
            leadTimeHours: {
                median: number;
                p90: number;
            } | null;
            decisionLeadHours: number | null;
            /** @description Active handling time per completed case with a human task */
            handlingMinutes: {
                median: number;
                p25: number;
                p75: number;
            } | null;
            /**
             * @description Handling is hidden below 5 cases or 3 different people
             * @enum {string|null}
             */
            handlingHiddenBecause: "cases" | "people" | null;
            /** @description Completed cases × minutes by hand − measured handling minutes; null without a baseline */
            minutesSaved: number | null;
            baselineCases: number | null;
            drafts: {
                accepted: number;
                edited: number;
                rejected: number;
                medianEditRatio: number | null;
            } | null;
        };
        ImpactWeek: components["schemas"]["ImpactFigures"] & {
            /** @description Monday of the week (Europe/Amsterdam), YYYY-MM-DD */
            week: string;
        };
        ImpactFlow: {
            flowId: string;
            name: string;
            minutesByHand: number | null;
            /** @description The designer's minutes by hand per human-task node (node id → minutes) */
            minutesByHandPerNode: {
                [key: string]: number;
            };
            /**
             * @description Which baseline minutes saved use: the per-node baselines (summed over those nodes) when any is given, else minutes by hand per case; null: none, nothing saved is shown
             * @enum {string|null}
             */
            baselineSource: "nodes" | "flow" | null;
            totals: components["schemas"]["ImpactFigures"];
            weeks: components["schemas"]["ImpactWeek"][];
            nodes: {
                nodeId: string;
                label: string | null;
                hidden: boolean;
                tasks: number | null;
                waitMinutesMedian: number | null;
                handlingMinutesMedian: number | null;
                decisionLeadHoursMedian: number | null;
                minutesByHand: number | null;
                /** @description Decided tasks of completed cases × the node's minutes by hand − their measured handling; null without a baseline or below the floors */
                minutesSaved: number | null;
                baselineTasks: number | null;
            }[];
            drafts: {
                nodeId: string;
                field: string;
                method: string;
                model: string | null;
                hidden: boolean;
                accepted: number | null;
                edited: number | null;
                rejected: number | null;
                medianEditRatio: number | null;
            }[];
        };
        OutboxList: {
            /** @description False when e-mail goes to a real mail server */
            enabled: boolean;
            notice: {
                nl: string;
                en: string;
            };
            items: components["schemas"]["OutboxMessageSummary"][];
        };
        OutboxMessageSummary: {
            /** Format: uuid */
            id: string;
            receivedAt: string;
            from: string;
            to: string[];
            subject: string;
            /** Format: uuid */
            teamId: string | null;
            runId: string | null;
            /** Format: uuid */
            flowId: string | null;
        };
        OutboxMessage: components["schemas"]["OutboxMessageSummary"] & {
            cc: string[];
            messageId: string | null;
            /** @description The plain-text body */
            text: string;
            attachments: {
                filename: string;
                contentType: string;
                size: number;
            }[];
        };
        ProcessingRegister: {
            generatedAt: string;
            /**
             * @description all: every team (admin and privacy officer)
             * @enum {string}
             */
            scope: "all" | "teams";
            /** @description True when there are more than 2000 flows */
            truncated: boolean;
            flows: components["schemas"]["RegisterFlow"][];
        };
        RegisterFlow: {
            flowId: string;
            name: string;
            teamId: string;
            teamName: string;
            version: number;
            publishedAt: string;
            /** @description The flow's description; null when it is missing */
            purpose: string | null;
            categories: {
                code: string;
                label: {
                    nl: string;
                    en: string;
                };
            }[];
            subjects: {
                /** @enum {string} */
                code: "clients" | "volunteers" | "staff";
                label: {
                    nl: string;
                    en: string;
                };
            }[];
            recipients: {
                /** @enum {string} */
                kind: "ai" | "email" | "webhook" | "http";
                label: {
                    nl: string;
                    en: string;
                };
                /** @description The credential that says where data goes */
                credential: string | null;
                host: string | null;
                /** @enum {string} */
                location: "organisation" | "eu" | "outside-eu" | "unknown" | "not-configured";
                locationLabel: {
                    nl: string;
                    en: string;
                };
                nodeIds: string[];
            }[];
            retentionDays: number;
            safeguards: {
                code: string;
                text: {
                    nl: string;
                    en: string;
                };
            }[];
            /** @description Points of attention: outside-eu, ai-without-pseudonymisation, purpose-missing, start-data-undescribed, unknown-node-types */
            marks: {
                code: string;
                text: {
                    nl: string;
                    en: string;
                };
            }[];
        };
        Subject: {
            runs: {
                id: string;
                flowId: string;
                flowName: string;
                teamName: string;
                createdAt: string;
                /** @enum {string} */
                status: "starting" | "running" | "completed" | "failed" | "cancelled" | "terminated" | "timed_out" | "unknown" | "removed" | "erased";
                trigger: string;
            }[];
            counts: components["schemas"]["SubjectCounts"];
            truncated: boolean;
        };
        SubjectCounts: {
            runs: number;
            tasks: number;
            intakes: number;
            clients: number;
            progressReports: number;
            emails: number;
            notifications: number;
            /** @description Large node outputs stored in PostgreSQL */
            outputs: number;
            /** @description Runs still going: an erasure stops them first */
            openRuns: number;
        };
        SubjectErased: {
            erased: {
                runs: number;
                tasks: number;
                intakes: number;
                clients: number;
                progressReports: number;
                emails: number;
                notifications: number;
                /** @description Large node outputs stored in PostgreSQL */
                outputs: number;
                /** @description Runs that were still going and were stopped */
                cancelled: number;
                /** @description Run data keys destroyed (crypto-shredding) */
                runKeys: number;
            };
        };
    };
    responses: {
        /** @description The request is not valid: parameters, body, or characters such as \u0000 */
        InvalidRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not signed in */
        NotSignedIn: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not allowed */
        NotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not allowed, or the X-CSRF-Token header is missing or wrong */
        NotAllowedOrNoCsrf: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not found, or not visible to you */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is too large */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not JSON (Content-Type: application/json) */
        NotJson: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description PostgreSQL or Temporal is unavailable; try again after Retry-After */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait before trying again */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
