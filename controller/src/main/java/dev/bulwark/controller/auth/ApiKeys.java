package dev.bulwark.controller.auth;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Records;
import java.util.List;
import java.util.Map;

/**
 * API keys for automation, used as {@code X-Auth-Apikey: NAME:SECRET}; only the secret's hash is kept. A caller
 * sees and removes only keys whose roles it could have granted ({@link Grants}).
 */
public final class ApiKeys {

    private final Accounts accounts;
    private final Records records;

    public ApiKeys(Accounts accounts, Records records) {
        this.accounts = accounts;
        this.records = records;
    }

    /** The keys the caller may see. */
    public List<StoredApiKey> visible(Principal caller) {
        return records.list(StoredApiKey.KIND).stream().filter(k -> visible(caller, k)).toList();
    }

    /** A key the caller may see (else 404, as if it did not exist). */
    public StoredApiKey get(Principal caller, String name) {
        return records.find(StoredApiKey.KIND, name).filter(k -> visible(caller, k))
                .orElseThrow(() -> ApiException.notFound("API key"));
    }

    /** The key a caller authenticated with its key is using. */
    public StoredApiKey own(Principal caller) {
        if (!caller.name().startsWith("apikey:")) {
            throw ApiException.badRequest("Not called with an API key");
        }
        return records.get(StoredApiKey.KIND, caller.name().substring("apikey:".length()));
    }

    /** Makes a key, for global user administrators only; the secret is in the answer only. */
    public Accounts.NewKey create(Principal caller, Requests.ApiKeyCreation c) {
        if (!caller.global(Permissions.AUTHORIZATION, true)) {
            throw ApiException.forbidden();
        }
        if (c.apikeyName() == null || !Accounts.NAME.matcher(c.apikeyName()).matches()) {
            throw ApiException.invalidName("API key name must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        Map<String, List<String>> domains = or(c.roleDomains(), Map.of());
        String role = or(c.role(), "");
        accounts.checkRoles(c.role(), domains);
        accounts.grants().mayGrant(caller, role, domains);
        Accounts.NewKey key = accounts.newApiKey(c.apikeyName(), c.description(), role, domains,
                or(c.expirationType(), ""),
                or(c.expirationHours(), 0), caller.name());
        records.create(StoredApiKey.KIND, c.apikeyName(), key.key());
        return key;
    }

    public void delete(Principal caller, String name) {
        StoredApiKey key = get(caller, name);
        accounts.grants().mayChange(caller, key.role(), key.roleDomains());
        records.delete(StoredApiKey.KIND, key.apikeyName());
    }

    private boolean visible(Principal caller, StoredApiKey key) {
        return accounts.grants().maySee(caller, key.role(), key.roleDomains());
    }
}
