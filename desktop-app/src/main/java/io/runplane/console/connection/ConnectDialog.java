package io.runplane.console.connection;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Connect dialog: the saved profiles on the left (the local cluster first), the selected one's
 * settings on the right. Saving writes the profiles at once; the token is never shown again.
 */
public final class ConnectDialog {

    static final String TOKEN_NOTE = "Stored in a file only you can read (permissions 600) and never shown again."
            + " Leave empty to keep the stored token.";
    static final String KUBE_TOKEN_NOTE = "Optional. Empty: signs in with the token of the context's kubeconfig user"
            + " (the agent checks it by TokenReview). A token entered here is stored like a remote profile's.";
    static final String REMOTE = "Remote agent";
    static final String KUBERNETES = "Kubernetes context";

    private final ConnectionProfiles profiles;
    private final Consumer<ConnectionProfile> connect;
    private final ListView<ConnectionProfile> list = new ListView<>();
    private final TextField name = new TextField();
    private final TextField address = new TextField();
    private final CheckBox tls = new CheckBox("Use TLS");
    private final TextField ca = new TextField();
    private final PasswordField token = new PasswordField();
    private final ChoiceBox<String> kind = new ChoiceBox<>();
    private final TextField kubeconfig = new TextField();
    private final ChoiceBox<String> context = new ChoiceBox<>();
    private final TextField namespace = new TextField();
    private final TextField service = new TextField();
    private final TextField port = new TextField();
    private final GridPane remoteForm = new GridPane();
    private final GridPane kubeForm = new GridPane();
    private final Label tokenNote = new Label(TOKEN_NOTE);
    private final Label error = new Label();
    private final GridPane form = new GridPane();
    private final Label localNote = new Label("The local simulated cluster runs inside the console and signs you in"
            + " by itself; there is nothing to set.");
    private final VBox root;
    private String editingId;

    /**
     * @param connect called with the profile to connect to; throws {@link RuntimeException} with a
     *                readable message when it cannot
     */
    public ConnectDialog(ConnectionProfiles profiles, Consumer<ConnectionProfile> connect) {
        this.profiles = profiles;
        this.connect = connect;
        root = build();
        refresh(profiles.lastUsed().id());
    }

    /** Opens the dialog over {@code owner}; it closes itself once a connection is started. */
    public static Stage open(Window owner, ConnectionProfiles profiles, Consumer<ConnectionProfile> connect) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connect to a cluster");
        ConnectDialog dialog = new ConnectDialog(profiles, profile -> {
            connect.accept(profile);
            stage.close();
        });
        Scene scene = new Scene(dialog.root, 860, 460);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    public Region root() {
        return root;
    }

    private VBox build() {
        list.setId("connect-profiles");
        list.setPrefWidth(320);
        list.setMinWidth(300);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : item.local() ? item.name() : item.name() + "\n" + item.where() + (item.tls() ? " · TLS" : ""));
            }
        });
        list.getSelectionModel().selectedItemProperty().subscribe(this::show);
        Button add = new Button("Add");
        add.setId("profile-add");
        add.setOnAction(e -> showNew());
        Button remove = new Button("Remove");
        remove.setId("profile-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().map(ConnectionProfile::local)
                .orElse(true));
        remove.setOnAction(e -> remove());
        HBox listButtons = new HBox(8, add, remove);
        VBox left = new VBox(8, list, listButtons);
        VBox.setVgrow(list, Priority.ALWAYS);

        name.setId("profile-name");
        address.setId("profile-address");
        address.setPromptText("host:port");
        tls.setId("profile-tls");
        ca.setId("profile-ca");
        ca.setPromptText("system certificate authorities");
        ca.disableProperty().bind(tls.selectedProperty().not());
        Button browse = new Button("Browse…");
        browse.disableProperty().bind(tls.selectedProperty().not());
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CA certificate (PEM)");
            var file = chooser.showOpenDialog(root.getScene().getWindow());
            if (file != null) {
                ca.setText(file.getPath());
            }
        });
        token.setId("profile-token");
        tokenNote.setId("profile-token-note");
        tokenNote.getStyleClass().add("muted");
        tokenNote.setWrapText(true);
        kind.setId("profile-kind");
        kind.getItems().setAll(REMOTE, KUBERNETES);
        kind.valueProperty().subscribe(this::showKind);
        kubeconfig.setId("profile-kubeconfig");
        kubeconfig.setOnAction(e -> loadContexts(null));
        kubeconfig.focusedProperty().subscribe(focused -> {
            if (!focused && form.isVisible() && KUBERNETES.equals(kind.getValue())) {
                loadContexts(context.getValue());
            }
        });
        Button browseKubeconfig = new Button("Browse…");
        browseKubeconfig.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Kubeconfig file");
            var file = chooser.showOpenDialog(root.getScene().getWindow());
            if (file != null) {
                kubeconfig.setText(file.getPath());
                loadContexts(null);
            }
        });
        context.setId("profile-context");
        context.setMaxWidth(Double.MAX_VALUE);
        namespace.setId("profile-namespace");
        service.setId("profile-service");
        port.setId("profile-port");
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Kind"), kind);
        remoteForm.addRow(0, new Label("Address"), address);
        remoteForm.addRow(1, new Label("Transport"), tls);
        remoteForm.addRow(2, new Label("CA file"), new HBox(8, ca, browse));
        HBox.setHgrow(ca, Priority.ALWAYS);
        kubeForm.addRow(0, new Label("Kubeconfig"), new HBox(8, kubeconfig, browseKubeconfig));
        HBox.setHgrow(kubeconfig, Priority.ALWAYS);
        kubeForm.addRow(1, new Label("Context"), context);
        kubeForm.addRow(2, new Label("Namespace"), namespace);
        kubeForm.addRow(3, new Label("Service"), new HBox(8, service, new Label("port"), port));
        HBox.setHgrow(service, Priority.ALWAYS);
        port.setPrefColumnCount(6);
        GridPane tokenForm = new GridPane();
        tokenForm.addRow(0, new Label("Token"), token);
        tokenForm.add(tokenNote, 1, 1);
        for (GridPane grid : new GridPane[] {form, remoteForm, kubeForm, tokenForm}) {
            grid.setHgap(10);
            grid.setVgap(10);
            grid.getColumnConstraints().addAll(labels(), growing());
            grid.managedProperty().bind(grid.visibleProperty());
        }
        tokenForm.visibleProperty().bind(form.visibleProperty());
        VBox settings = new VBox(10, form, remoteForm, kubeForm, tokenForm);
        localNote.setWrapText(true);
        localNote.getStyleClass().add("muted");
        localNote.managedProperty().bind(localNote.visibleProperty());
        error.setId("profile-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        VBox right = new VBox(12, settings, localNote, error);
        HBox.setHgrow(right, Priority.ALWAYS);

        Button save = new Button("Save");
        save.setId("profile-save");
        save.disableProperty().bind(form.visibleProperty().not());
        save.setOnAction(e -> saveForm());
        Button connectButton = new Button("Connect");
        connectButton.setId("profile-connect");
        connectButton.setDefaultButton(true);
        connectButton.setOnAction(e -> connectSelected());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, save, connectButton);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        HBox body = new HBox(16, left, right);
        VBox.setVgrow(body, Priority.ALWAYS);
        Label title = new Label("Connect to a cluster");
        title.getStyleClass().add("overlay-title");
        VBox box = new VBox(16, title, body, buttons);
        box.setPadding(new Insets(16));
        box.setId("connect-dialog");
        return box;
    }

    private static ColumnConstraints labels() {
        ColumnConstraints column = new ColumnConstraints();
        column.setMinWidth(90);
        column.setPrefWidth(90);
        return column;
    }

    private static ColumnConstraints growing() {
        ColumnConstraints column = new ColumnConstraints();
        column.setHgrow(Priority.ALWAYS);
        return column;
    }

    private void refresh(String selectId) {
        list.getItems().setAll(profiles.all());
        list.getItems().stream().filter(p -> p.id().equals(selectId)).findFirst()
                .ifPresentOrElse(p -> list.getSelectionModel().select(p), () -> list.getSelectionModel().select(0));
    }

    private void show(ConnectionProfile profile) {
        error.setText("");
        if (profile == null) {
            return;
        }
        boolean local = profile.local();
        form.setVisible(!local);
        localNote.setVisible(local);
        editingId = profile.id();
        kind.setValue(profile.kube().isPresent() ? KUBERNETES : REMOTE);
        KubeTarget kube = profile.kube().orElse(null);
        kubeconfig.setText(kube == null ? Kubeconfig.defaultFile().toString() : kube.kubeconfig().toString());
        namespace.setText(kube == null ? KubeTarget.DEFAULT_NAMESPACE : kube.namespace());
        service.setText(kube == null ? KubeTarget.DEFAULT_SERVICE : kube.service());
        port.setText(Integer.toString(kube == null ? KubeTarget.DEFAULT_PORT : kube.port()));
        if (kube != null) {
            loadContexts(kube.context());
        }
        name.setText(local ? "" : profile.name());
        address.setText(profile.address());
        tls.setSelected(profile.tls());
        ca.setText(profile.trustedCa().map(Path::toString).orElse(""));
        token.clear();
        token.setPromptText(local ? "" : "stored — leave empty to keep");
    }

    private void showNew() {
        list.getSelectionModel().clearSelection();
        error.setText("");
        form.setVisible(true);
        localNote.setVisible(false);
        editingId = ConnectionProfiles.newId();
        kind.setValue(REMOTE);
        kubeconfig.setText(Kubeconfig.defaultFile().toString());
        context.getItems().clear();
        namespace.setText(KubeTarget.DEFAULT_NAMESPACE);
        service.setText(KubeTarget.DEFAULT_SERVICE);
        port.setText(Integer.toString(KubeTarget.DEFAULT_PORT));
        name.clear();
        address.clear();
        tls.setSelected(false);
        ca.clear();
        token.clear();
        token.setPromptText("bearer token");
        name.requestFocus();
    }

    /** Saves the form; returns the saved profile, or empty with the reason shown. */
    private Optional<ConnectionProfile> saveForm() {
        try {
            ConnectionProfile profile = KUBERNETES.equals(kind.getValue())
                    ? ConnectionProfile.kubernetes(editingId, name.getText().strip(), kubeTarget())
                    : new ConnectionProfile(editingId, name.getText().strip(), address.getText().strip(),
                    tls.isSelected(), ca.getText().isBlank() || !tls.isSelected()
                            ? Optional.empty() : Optional.of(Path.of(ca.getText().strip())));
            profile.trustedCa().filter(file -> !java.nio.file.Files.isReadable(file)).ifPresent(file -> {
                throw new IllegalArgumentException("CA file: " + file + " does not exist or cannot be read");
            });
            profiles.save(profile, Optional.of(token.getText()));
            token.clear();
            refresh(profile.id());
            return Optional.of(profile);
        } catch (RuntimeException e) {
            error.setText(e.getMessage());
            return Optional.empty();
        }
    }

    private KubeTarget kubeTarget() {
        int servicePort;
        try {
            servicePort = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port: '" + port.getText().strip() + "' is not a number", e);
        }
        return new KubeTarget(Path.of(kubeconfig.getText().strip()), Optional.ofNullable(context.getValue()).orElse(""),
                namespace.getText().strip(), service.getText().strip(), servicePort);
    }

    private void showKind(String chosen) {
        boolean kube = KUBERNETES.equals(chosen);
        remoteForm.setVisible(!kube);
        kubeForm.setVisible(kube);
        tokenNote.setText(kube ? KUBE_TOKEN_NOTE : TOKEN_NOTE);
        if (kube && context.getItems().isEmpty() && form.isVisible()) {
            loadContexts(null);
        }
    }

    /** Lists the contexts of the kubeconfig file, read off the FX thread; selects {@code keep} or the current one. */
    private void loadContexts(String keep) {
        Path file = Path.of(kubeconfig.getText().strip());
        CompletableFuture.supplyAsync(() -> Kubeconfig.read(file)).whenComplete((read, failure) -> Platform.runLater(() -> {
            if (!file.equals(Path.of(kubeconfig.getText().strip()))) {
                return;
            }
            if (failure != null) {
                context.getItems().clear();
                error.setText(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
                return;
            }
            error.setText("");
            context.getItems().setAll(read.contexts());
            context.setValue(keep != null && read.contexts().contains(keep) ? keep
                    : read.currentContext().orElse(read.contexts().getFirst()));
        }));
    }

    private void connectSelected() {
        Optional<ConnectionProfile> chosen = form.isVisible() ? saveForm()
                : Optional.ofNullable(list.getSelectionModel().getSelectedItem());
        chosen.ifPresent(profile -> {
            try {
                connect.accept(profile);
            } catch (RuntimeException e) {
                error.setText(e.getMessage());
            }
        });
    }

    private void remove() {
        ConnectionProfile selected = list.getSelectionModel().getSelectedItem();
        if (selected == null || selected.local()) {
            return;
        }
        try {
            profiles.remove(selected);
            refresh(ConnectionProfile.LOCAL_ID);
        } catch (RuntimeException e) {
            error.setText(e.getMessage());
        }
    }
}
