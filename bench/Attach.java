/*
 * Attach: loads a native agent into a running JVM, for profiling a node
 * that is already warm (the JIT done) without restarting it:
 *
 *   java bench/Attach.java PID /path/to/libasyncProfiler.so "start,event=itimer,interval=500us,threads"
 *   java bench/Attach.java PID /path/to/libasyncProfiler.so "stop,file=/tmp/node.collapsed,collapsed"
 *
 * async-profiler's library is inside the tools.profiler:async-profiler jar
 * (linux-x64/libasyncProfiler.so). Only the JDK's attach API is used.
 */
import com.sun.tools.attach.VirtualMachine;

public final class Attach {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java bench/Attach.java PID AGENT_LIBRARY OPTIONS");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
