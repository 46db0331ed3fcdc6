package io.runplane.access;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/access-control.md shows the permission matrix; this keeps it identical to the code. */
class PermissionMatrixDocTest {

    static String matrixTable() {
        StringBuilder table = new StringBuilder("| role | ");
        table.append(Arrays.stream(Entity.values()).map(Entity::displayName).collect(Collectors.joining(" | ")))
                .append(" |\n|---|");
        table.append("---|".repeat(Entity.values().length)).append('\n');
        for (Role role : Role.values()) {
            table.append("| ").append(role.displayName()).append(" |");
            for (Entity entity : Entity.values()) {
                table.append(' ').append(letters(role.actionsOn(entity))).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static String letters(Set<Action> actions) {
        StringBuilder letters = new StringBuilder();
        for (Action action : Action.values()) {
            if (actions.contains(action)) {
                letters.append(action.name().charAt(0));
            }
        }
        return letters.isEmpty() ? "·" : letters.toString();
    }

    @Test
    void theDocumentedMatrixIsTheOneEnforced() throws IOException {
        Path doc = Path.of("..", "docs", "access-control.md");

        assertThat(Files.readString(doc)).contains(matrixTable());
    }
}
