package io.runplane.agent;

import io.runplane.agent.auth.IdentityFileException;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.TokenIssuer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code token}: issues a bearer token to a user (registering it with its groups when new) or an
 * application, in the data directory's identity file, and prints it once. A running agent picks
 * the change up at the next call.
 */
final class TokenCommand implements AgentCommand {

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path data = null;
        String user = null;
        String application = null;
        List<String> groups = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--data" -> data = Path.of(ServeCommand.value(args, ++i, arg));
                    case "--user" -> user = ServeCommand.value(args, ++i, arg);
                    case "--group" -> groups.add(ServeCommand.value(args, ++i, arg));
                    case "--application" -> application = ServeCommand.value(args, ++i, arg);
                    case "--help", "-h" -> {
                        out.print(ServeCommand.USAGE);
                        return 0;
                    }
                    default -> {
                        return ServeCommand.usage(err, "token: unknown argument " + arg);
                    }
                }
            }
            if (data == null) {
                return ServeCommand.usage(err, "token: --data DIR is required");
            }
            if ((user == null) == (application == null)) {
                return ServeCommand.usage(err, "token: give exactly one of --user NAME and --application NAME");
            }
            if (application != null && !groups.isEmpty()) {
                return ServeCommand.usage(err, "token: --group applies to users only");
            }
            if (!Files.isDirectory(data)) {
                return ServeCommand.usage(err, "token: --data " + data + ": no such directory");
            }
            Path file = data.resolve(LocalIdentity.IDENTITY_FILE);
            String token = user != null ? TokenIssuer.issueToUser(file, user, groups) : TokenIssuer.issueToApplication(file, application);
            out.println(token);
            return 0;
        } catch (IllegalArgumentException e) {
            return ServeCommand.usage(err, "token: " + e.getMessage());
        } catch (IOException | IdentityFileException e) {
            err.println("runplane-agent: token: " + e.getMessage());
            return 1;
        }
    }
}
