package dev.bulwark.controller.runtime;

import dev.bulwark.link.proto.Chunk;
import dev.bulwark.link.proto.Uploaded;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * One upload of an enforcer's files for a query it was asked ({@code AgentLink.Upload}): written into a new
 * attachment as the chunks come, and handed to the query when the enforcer ends the stream. An upload for a query
 * not asked of this enforcer, one that changes its query midway, or one over the bounds is refused and its file
 * deleted.
 */
final class Upload implements StreamObserver<Chunk> {

    private final String enforcer;
    private final AgentSessions sessions;
    private final Attachments attachments;
    private final StreamObserver<Uploaded> reply;
    private Attachments.Writing writing;
    private long query;
    private long bytes;
    private boolean over;

    Upload(String enforcer, AgentSessions sessions, Attachments attachments, StreamObserver<Uploaded> reply) {
        this.enforcer = enforcer;
        this.sessions = sessions;
        this.attachments = attachments;
        this.reply = reply;
    }

    @Override
    public synchronized void onNext(Chunk chunk) {
        if (over) {
            return;
        }
        try {
            if (writing == null) {
                if (!sessions.awaits(enforcer, chunk.getId())) {
                    refuse(Status.PERMISSION_DENIED, "no query %d of this enforcer waits for files"
                            .formatted(chunk.getId()));
                    return;
                }
                query = chunk.getId();
                writing = attachments.create();
            } else if (chunk.getId() != query) {
                refuse(Status.INVALID_ARGUMENT, "an upload is for one query");
                return;
            }
            writing.out().write(chunk.getData().toByteArray());
            bytes += chunk.getData().size();
        } catch (IOException e) {
            refuse(Status.RESOURCE_EXHAUSTED, e.getMessage());
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        discard();
    }

    @Override
    public synchronized void onCompleted() {
        if (over) {
            return;
        }
        over = true;
        try {
            if (writing == null) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription("an empty upload").asRuntimeException());
                return;
            }
            writing.out().close();
            if (!sessions.uploaded(enforcer, query, writing.id())) {
                attachments.delete(writing.id());
                reply.onError(Status.FAILED_PRECONDITION.withDescription("the query no longer waits")
                        .asRuntimeException());
                return;
            }
            reply.onNext(Uploaded.newBuilder().setBytes(bytes).build());
            reply.onCompleted();
        } catch (IOException e) {
            attachments.delete(writing.id());
            reply.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private void refuse(Status status, String why) {
        discard();
        reply.onError(status.withDescription(why).asRuntimeException());
    }

    private void discard() {
        over = true;
        if (writing != null) {
            try {
                writing.out().close();
            } catch (IOException e) {
                // deleted next
            }
            attachments.delete(writing.id());
        }
    }
}
