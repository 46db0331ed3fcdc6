package io.runplane.console.workloads;

import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.app.Icons;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The status column's cell: the status's icon and name, coloured by a pseudo-class per status
 * ({@code .status-cell:running}). The cell shows them itself, without a label inside it, and a
 * status change switches a pseudo-class, which restyles from the cell's cached styles, where a
 * change of style class would look the cell's styles up again.
 */
final class StatusCell extends TableCell<WorkloadRow, Workload> {

    private final FontIcon icon = Icons.icon(MaterialDesignP.PROGRESS_CLOCK, "status-icon");
    private final Tooltip message = new Tooltip();
    private PseudoClass shown;

    StatusCell() {
        getStyleClass().add("status-cell");
    }

    @Override
    protected void updateItem(Workload item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            show(null);
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        WorkloadStatus status = item.getStatus();
        show(pseudoClass(status));
        setText(WorkloadText.status(status));
        icon.setIconCode(icon(status));
        setGraphic(icon);
        message.setText(item.getStatusMessage());
        setTooltip(item.getStatusMessage().isBlank() ? null : message);
    }

    private void show(PseudoClass status) {
        if (status != shown) {
            if (shown != null) {
                pseudoClassStateChanged(shown, false);
            }
            if (status != null) {
                pseudoClassStateChanged(status, true);
            }
            shown = status;
        }
    }

    /** The pseudo-class of {@code status}'s colour, named as the status in lower case. */
    static PseudoClass pseudoClass(WorkloadStatus status) {
        return PseudoClass.getPseudoClass(WorkloadText.statusStyle(status));
    }

    static Ikon icon(WorkloadStatus status) {
        return switch (status) {
            case WORKLOAD_STATUS_RUNNING -> MaterialDesignP.PLAY_CIRCLE;
            case WORKLOAD_STATUS_COMPLETED -> MaterialDesignC.CHECK_CIRCLE;
            case WORKLOAD_STATUS_FAILED -> MaterialDesignA.ALERT_CIRCLE;
            case WORKLOAD_STATUS_DEGRADED -> MaterialDesignA.ALERT;
            case WORKLOAD_STATUS_STOPPED -> MaterialDesignS.STOP_CIRCLE;
            case WORKLOAD_STATUS_PENDING -> MaterialDesignT.TIMER_SAND;
            case WORKLOAD_STATUS_DELETING -> MaterialDesignD.DELETE_CLOCK;
            default -> MaterialDesignP.PROGRESS_CLOCK;
        };
    }
}
