package jp.kakekin.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The process executing a run, as {@code pid@host@start}. After a kill -9 the job repository still says
 * STARTED; a run whose owner was a process of this host that no longer exists (the pid is gone, or now
 * belongs to a process started at another time) is known to be dead and may be recovered without
 * asking. A run owned by another host cannot be checked from here.
 */
public record RunOwner(long pid, String host, long startMillis) {

    public static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(self.pid(), hostName(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    public static Optional<RunOwner> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String[] f = s.split("@");
        try {
            return Optional.of(new RunOwner(Long.parseLong(f[0]), f[1], Long.parseLong(f[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean isThisHost() {
        return host.equals(hostName());
    }

    /** Only meaningful on this host. */
    public boolean isAlive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == startMillis)
                .orElse(false);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return pid + "@" + host + "@" + startMillis;
    }
}
