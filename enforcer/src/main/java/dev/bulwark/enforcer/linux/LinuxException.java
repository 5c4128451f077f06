package dev.bulwark.enforcer.linux;

/** A Linux call that failed, with its errno. */
public final class LinuxException extends RuntimeException {

    private final int errno;

    public LinuxException(String call, int errno) {
        super(call + " failed: errno " + errno + " (" + name(errno) + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    private static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 18 -> "EXDEV";
            case 20 -> "ENOTDIR";
            case 22 -> "EINVAL";
            case 24 -> "EMFILE";
            case 36 -> "ENAMETOOLONG";
            case 38 -> "ENOSYS";
            case 40 -> "ELOOP";
            case 105 -> "ENOBUFS";
            default -> "errno " + errno;
        };
    }
}
