package dev.bulwark.scanner.layer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * SHA-256 and SHA-512 through OpenSSL's libcrypto (Debian's {@code libssl3}), which hashes at full speed from the
 * first byte: the JDK's own digests run interpreted until the JIT has compiled them, a large part of a short scan.
 * The JDK's are used where libcrypto is not installed. Each update passes the Java array to OpenSSL without a copy.
 */
public final class NativeDigest extends MessageDigest {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final Optional<Library> LIBRARY = Library.load();

    private final Library library;
    private final MemorySegment md;
    private final MemorySegment context;
    private final int length;

    private NativeDigest(String algorithm, Library library, MemorySegment md, int length) {
        super(algorithm);
        this.library = library;
        this.md = md;
        this.length = length;
        this.context = library.newContext();
        MemorySegment owned = context;
        CLEANER.register(this, () -> library.freeContext(owned));
        library.init(context, md);
    }

    /** A digest of {@code SHA-256} or {@code SHA-512}, native when libcrypto is there; others from the JDK. */
    public static MessageDigest of(String algorithm) {
        if (LIBRARY.isPresent()) {
            Library l = LIBRARY.get();
            return switch (algorithm) {
                case "SHA-256" -> new NativeDigest(algorithm, l, l.sha256(), 32);
                case "SHA-512" -> new NativeDigest(algorithm, l, l.sha512(), 64);
                default -> jdk(algorithm);
            };
        }
        return jdk(algorithm);
    }

    static boolean installed() {
        return LIBRARY.isPresent();
    }

    private static MessageDigest jdk(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        library.update(context, MemorySegment.ofArray(input).asSlice(offset, len), len);
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[length];
        library.finish(context, MemorySegment.ofArray(out));
        library.init(context, md);
        return out;
    }

    @Override
    protected void engineReset() {
        library.init(context, md);
    }

    @Override
    protected int engineGetDigestLength() {
        return length;
    }

    /** The libcrypto functions used, bound once; absent when the library is missing or digests wrongly. */
    private record Library(MethodHandle newHandle, MethodHandle freeHandle, MethodHandle initHandle,
            MethodHandle updateHandle, MethodHandle finalHandle, MemorySegment sha256, MemorySegment sha512) {

        private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        static Optional<Library> load() {
            try {
                SymbolLookup crypto = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
                Linker linker = Linker.nativeLinker();
                var address = ValueLayout.ADDRESS;
                var integer = ValueLayout.JAVA_INT;
                MethodHandle sha256 = linker.downcallHandle(crypto.find("EVP_sha256").orElseThrow(),
                        FunctionDescriptor.of(address));
                MethodHandle sha512 = linker.downcallHandle(crypto.find("EVP_sha512").orElseThrow(),
                        FunctionDescriptor.of(address));
                Library library = new Library(
                        linker.downcallHandle(crypto.find("EVP_MD_CTX_new").orElseThrow(),
                                FunctionDescriptor.of(address)),
                        linker.downcallHandle(crypto.find("EVP_MD_CTX_free").orElseThrow(),
                                FunctionDescriptor.ofVoid(address)),
                        linker.downcallHandle(crypto.find("EVP_DigestInit_ex").orElseThrow(),
                                FunctionDescriptor.of(integer, address, address, address)),
                        linker.downcallHandle(crypto.find("EVP_DigestUpdate").orElseThrow(),
                                FunctionDescriptor.of(integer, address, address, ValueLayout.JAVA_LONG),
                                Linker.Option.critical(true)),
                        linker.downcallHandle(crypto.find("EVP_DigestFinal_ex").orElseThrow(),
                                FunctionDescriptor.of(integer, address, address, address),
                                Linker.Option.critical(true)),
                        (MemorySegment) sha256.invokeExact(), (MemorySegment) sha512.invokeExact());
                return library.digestsCorrectly() ? Optional.of(library) : Optional.empty();
            } catch (Throwable missingOrBroken) { // not installed, another ABI, or a failed self-test call
                return Optional.empty();
            }
        }

        private boolean digestsCorrectly() {
            NativeDigest digest = new NativeDigest("SHA-256", this, sha256, 32);
            String empty = HexFormat.of().formatHex(digest.digest());
            String abc = HexFormat.of().formatHex(digest.digest("abc".getBytes()));
            return empty.equals(EMPTY_SHA256) && abc.equals(ABC_SHA256);
        }

        MemorySegment newContext() {
            try {
                MemorySegment context = (MemorySegment) newHandle.invokeExact();
                if (context.equals(MemorySegment.NULL)) {
                    throw new OutOfMemoryError("EVP_MD_CTX_new");
                }
                return context;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        void freeContext(MemorySegment context) {
            try {
                freeHandle.invokeExact(context);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        void init(MemorySegment context, MemorySegment md) {
            try {
                check((int) initHandle.invokeExact(context, md, MemorySegment.NULL), "EVP_DigestInit_ex");
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        void update(MemorySegment context, MemorySegment data, long length) {
            try {
                check((int) updateHandle.invokeExact(context, data, length), "EVP_DigestUpdate");
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        void finish(MemorySegment context, MemorySegment out) {
            try {
                check((int) finalHandle.invokeExact(context, out, MemorySegment.NULL), "EVP_DigestFinal_ex");
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private static void check(int result, String call) {
            if (result != 1) {
                throw new IllegalStateException(call + " failed");
            }
        }

        private static RuntimeException rethrow(Throwable t) {
            return t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }
}
