/**
 * What the containers' connections are: conntrack events and dumps and NFLOG captures read per network namespace
 * ({@link dev.bulwark.enforcer.network.flow.FlowObserver}), parsed here from their bytes, joined per connection,
 * named by {@link dev.bulwark.enforcer.network.app.AppClassifier} and by DNS answers seen, and summed into
 * {@link dev.bulwark.link.model.Connection} reports. Sockets and namespaces come from {@code enforcer.linux}; every
 * parser here takes hostile bytes and answers with a record, a skip or a {@code MalformedMessageException}, which
 * the reader counts.
 */
package dev.bulwark.enforcer.network.flow;
