package dev.bulwark.controller.registry;

/** The user name and password a scanner logs in to a registry with. */
record RegistryLogin(String username, String password) {

    /**
     * The login NeuVector's types keep in the registry itself: a GCR key is the password of {@code _json_key}, a
     * token stands for the password when the registry authenticates with it.
     */
    static RegistryLogin stored(RegistryConfig r) {
        if (r.gcrKey() != null && !r.gcrKey().jsonKey().isEmpty()) {
            return new RegistryLogin("_json_key", r.gcrKey().jsonKey());
        }
        return new RegistryLogin(r.username(), r.authWithToken() && !r.authToken().isEmpty() ? r.authToken()
                : r.password());
    }

    @Override
    public String toString() {
        return "RegistryLogin[username=%s]".formatted(username);
    }
}
