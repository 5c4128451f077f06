package dev.bulwark.scanner;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ImageSettings;
import dev.bulwark.core.scan.SetIdFile;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.LayerInfo;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.budget.Deadline;
import dev.bulwark.scanner.budget.ScanBudget;
import dev.bulwark.scanner.compliance.ImageCompliance;
import dev.bulwark.scanner.index.AnalysisException;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileContent;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.layer.DirectoryReader;
import dev.bulwark.scanner.layer.FileTree;
import dev.bulwark.scanner.layer.LayerReader;
import dev.bulwark.scanner.secret.SecretRules;
import dev.bulwark.scanner.secret.SecretScanner;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.LayerDescriptor;
import dev.bulwark.scanner.source.RegistryImage;
import dev.bulwark.scanner.source.RootDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the inventory of an image: applies its layers in order to one {@link FileTree}, runs each analyzer
 * whenever a layer changed a file it wants, and so learns which layer introduced each package (the lowest layer
 * from which the package stays present to the top). Thread-safe: each scan has its own state.
 */
public final class ImageScanner {

    private final List<Analyzer> analyzers;
    private final List<FileAnalyzer> fileAnalyzers;
    private final ImageCompliance compliance = new ImageCompliance(new SecretScanner(SecretRules.builtIn()));
    private final ScanBudget budget;
    /** A layer may come back after others (installed, removed, installed again), but not without end. */
    private static final int MAX_LAYER_REPEATS = 8;

    public ImageScanner(List<Analyzer> analyzers, List<FileAnalyzer> fileAnalyzers, ScanBudget budget) {
        this.analyzers = List.copyOf(analyzers);
        this.fileAnalyzers = List.copyOf(fileAnalyzers);
        this.budget = budget;
    }

    /** Scans a source; {@link InvalidInputException} when the image itself cannot be read. */
    public ImageInventory scan(ImageSource source, ScanProgress progress) {
        return switch (source) {
            case Image image -> scanImage(image, progress);
            case RootDirectory dir -> scanDirectory(dir);
        };
    }

    private ImageInventory scanImage(Image image, ScanProgress progress) {
        Deadline deadline = budget.start();
        FileTree tree = new FileTree(this::wanted, budget.keptBytes());
        List<LayerDescriptor> layers = image.layers();
        List<String> layerIds = layers.stream().map(LayerDescriptor::diffId).toList();
        Run run = new Run(layerIds, deadline);
        LayerReader reader = new LayerReader(this::bodyLimit, run.files, budget.layerEntries(), deadline);
        Map<LayerDescriptor, Integer> applied = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerDescriptor layer = layers.get(i);
            if (i > 0 && layer.equals(layers.get(i - 1))) {
                continue; // a layer applied again on itself changes nothing; listed 10,000 times, it costs one read
            }
            if (applied.merge(layer, 1, Integer::sum) > MAX_LAYER_REPEATS) {
                throw new InvalidInputException("%s lists layer %s more than %d times".formatted(image.reference(),
                        layer.diffId(), MAX_LAYER_REPEATS));
            }
            progress.layer(i, layers.size(), layer.diffId());
            try (InputStream in = image.openLayer(layer)) {
                reader.apply(in, layer.digest(), layer.diffId(), i, tree);
            } catch (IOException e) {
                throw new InvalidInputException("%s: cannot read layer %s: %s".formatted(image.reference(),
                        layer.diffId(), e.getMessage()), e);
            }
            run.analyzeChanged(tree, i);
        }
        List<String> history = image.config().layerHistory();
        List<LayerInfo> layerInfos = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerDescriptor l = layers.get(i);
            layerInfos.add(new LayerInfo(l.digest(), l.diffId(), l.size(), history.get(i)));
        }
        ImageInventory found = run.inventory(image.reference(), image.manifestDigest(), image.config().platform(),
                layerInfos, tree);
        ImageCompliance.Result compliance = this.compliance.check(image.config(),
                image instanceof RegistryImage ? Optional.of(image.reference()) : Optional.empty(), tree,
                found.setIdFiles());
        return new ImageInventory(found.source(), found.digest(), found.architecture(), found.os(), found.layers(),
                found.packages(), found.secrets(), found.setIdFiles(), compliance.settings(), compliance.checks(),
                found.warnings());
    }

    private ImageInventory scanDirectory(RootDirectory dir) {
        FileTree tree = new FileTree(this::wanted, budget.keptBytes());
        Run run = new Run(List.of(""), budget.start());
        new DirectoryReader(this::bodyLimit, run.files).apply(dir.root(), tree);
        run.analyzeChanged(tree, 0);
        return run.inventory(dir.reference(), "", "", List.of(), tree);
    }

    private boolean wanted(String path) {
        for (Analyzer a : analyzers) {
            if (a.wants(path)) {
                return true;
            }
        }
        return false;
    }

    private long bodyLimit(String path) {
        long limit = -1;
        for (Analyzer a : analyzers) {
            if (a.wants(path)) {
                limit = Math.max(limit, a.maxFileSize());
            }
        }
        return Math.min(limit, budget.fileBytes());
    }

    /** The state of one scan: each analyzer's latest result and when each package first appeared for good. */
    private final class Run {
        private final Map<Analyzer, Inventory> latest = new LinkedHashMap<>();
        private final Map<String, String> introducedIn = new HashMap<>();
        private final List<String> layerIds;
        private final Deadline deadline;
        final FileAnalysis files;

        Run(List<String> layerIds, Deadline deadline) {
            this.layerIds = layerIds;
            this.deadline = deadline;
            this.files = new FileAnalysis(fileAnalyzers, layerIds);
        }

        void analyzeChanged(FileTree tree, int layer) {
            files.prune(tree);
            Set<String> changed = tree.drainChangedWanted();
            for (Analyzer analyzer : analyzers) {
                if (changed.stream().noneMatch(analyzer::wants)) {
                    continue;
                }
                deadline.check("running the %s analyzer".formatted(analyzer.name()));
                Inventory result = analyze(analyzer, new TreeInput(tree, analyzer, layerIds));
                Inventory before = latest.put(analyzer, result);
                if (before != null) {
                    Set<String> now = keys(result);
                    keys(before).stream().filter(k -> !now.contains(k)).forEach(introducedIn::remove);
                }
                for (InstalledPackage p : result.packages()) {
                    introducedIn.putIfAbsent(p.key(), layerIds.get(layer));
                }
            }
        }

        private Inventory analyze(Analyzer analyzer, AnalyzerInput input) {
            try {
                return analyzer.analyze(input);
            } catch (InvalidInputException e) {
                throw e;
            } catch (AnalysisException | RuntimeException e) {
                return Inventory.of(List.of(), List.of(ScanWarning.incomplete("", "",
                        "%s analyzer failed: %s".formatted(analyzer.name(), e.getMessage()))));
            }
        }

        private static Set<String> keys(Inventory inventory) {
            Set<String> keys = new java.util.HashSet<>();
            inventory.packages().forEach(p -> keys.add(p.key()));
            return keys;
        }

        ImageInventory inventory(String reference, String digest, String platform, List<LayerInfo> layers,
                FileTree tree) {
            Inventory all = Inventory.empty();
            for (Inventory i : latest.values()) {
                all = all.plus(i);
            }
            OsInfo os = all.os().stream().findFirst().orElse(OsInfo.unknown());
            List<InstalledPackage> packages = new ArrayList<>();
            for (InstalledPackage p : all.packages()) {
                packages.add(PackageUrls.qualify(p.withLayer(introducedIn.getOrDefault(p.key(), "")), os));
            }
            packages.addAll(OsOwnedFiles.of(packages).drop(files.packages()));
            List<ScanWarning> warnings = new ArrayList<>(tree.warnings());
            warnings.addAll(all.warnings());
            warnings.addAll(files.warnings());
            List<SetIdFile> setId = tree.filesWithMode(06000).stream()
                    .map(f -> SetIdFile.of(f.path(), f.mode(), layerIds.get(f.layer()))).toList();
            return new ImageInventory(reference, digest, platform, os, layers, packages, files.secrets(), setId,
                    ImageSettings.none(), List.of(), warnings);
        }
    }

    /** What one analyzer sees of the tree: its own wanted files, with layer ids for the layer indexes. */
    private record TreeInput(FileTree tree, Analyzer analyzer, List<String> layerIds) implements AnalyzerInput {

        @Override
        public List<FileContent> files() {
            return tree.files(analyzer::wants).stream().map(this::content).toList();
        }

        @Override
        public Optional<FileContent> file(String path) {
            return tree.file(path).map(this::content);
        }

        private FileContent content(FileTree.WantedFile f) {
            return new FileContent(f.path(), layerIds.get(f.layer()), f.mode(), f.body());
        }
    }
}
