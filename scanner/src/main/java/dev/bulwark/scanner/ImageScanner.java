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
import dev.bulwark.scanner.source.Digest;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.LayerDescriptor;
import dev.bulwark.scanner.source.RegistryImage;
import dev.bulwark.scanner.source.RootDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * from which the package stays present to the top). With a {@link LayerCache} it starts after the longest run of
 * first layers cached, from a copy of the state they left, and caches the state after each layer it reads, so the
 * result is the same as without. Thread-safe: each scan has its own state.
 */
public final class ImageScanner {

    private final List<Analyzer> analyzers;
    private final List<FileAnalyzer> fileAnalyzers;
    private final LayerCache cache;
    /** What, besides the layers, makes a cached state: the analyzers, their versions and limits. */
    private final String fingerprint;
    private final ImageCompliance compliance = new ImageCompliance(new SecretScanner(SecretRules.builtIn()));
    private final ScanBudget budget;
    /** A layer may come back after others (installed, removed, installed again), but not without end. */
    private static final int MAX_LAYER_REPEATS = 8;

    public ImageScanner(List<Analyzer> analyzers, List<FileAnalyzer> fileAnalyzers, ScanBudget budget) {
        this(analyzers, fileAnalyzers, budget, LayerCache.disabled());
    }

    private ImageScanner(List<Analyzer> analyzers, List<FileAnalyzer> fileAnalyzers, ScanBudget budget,
            LayerCache cache) {
        this.analyzers = List.copyOf(analyzers);
        this.fileAnalyzers = List.copyOf(fileAnalyzers);
        this.budget = budget;
        this.cache = cache;
        // the budget decides which bodies analyzers see, so it is part of what a cached state depends on
        StringBuilder f = new StringBuilder("budget %d %d%n".formatted(budget.fileBytes(), budget.keptBytes()));
        analyzers.forEach(a -> f.append("%s %d %d%n".formatted(a.name(), a.version(), a.maxFileSize())));
        fileAnalyzers.forEach(a -> f.append("%s %d %d %b %b%n".formatted(a.name(), a.version(), a.maxFileSize(),
                a.declaresOnly(), a.runsAside())));
        this.fingerprint = Digest.sha256(f.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The same scanner, keeping the state after each layer in {@code cache} and starting from it where it can. */
    public ImageScanner caching(LayerCache cache) {
        return new ImageScanner(analyzers, fileAnalyzers, budget, cache);
    }

    /** The layer cache this scanner uses; a disabled one unless {@link #caching} gave another. */
    public LayerCache cache() {
        return cache;
    }

    /** Scans a source; {@link InvalidInputException} when the image itself cannot be read. */
    public ImageInventory scan(ImageSource source, ScanProgress progress) {
        return switch (source) {
            case Image image -> scanImage(image, progress);
            case RootDirectory dir -> scanDirectory(dir);
        };
    }

    private ImageInventory scanImage(Image image, ScanProgress progress) {
        List<LayerDescriptor> layers = image.layers();
        List<String> layerIds = layers.stream().map(LayerDescriptor::diffId).toList();
        List<String> chain = cache.enabled() ? LayerCache.chainIds(layerIds) : List.of();
        Optional<LayerCache.Hit> hit = cache.restore(fingerprint, chain, layers.size());
        Deadline deadline = budget.start();
        FileTree tree = hit.map(h -> new FileTree(this::wanted, budget.keptBytes(), h.state().tree()))
                .orElseGet(() -> new FileTree(this::wanted, budget.keptBytes()));
        Run run = hit.map(h -> new Run(layerIds, deadline, h.state())).orElseGet(() -> new Run(layerIds, deadline));
        LayerReader reader = new LayerReader(this::bodyLimit, run.files, budget.layerEntries(), deadline);
        Map<LayerDescriptor, Integer> applied = new HashMap<>();
        layers.subList(0, hit.map(LayerCache.Hit::layers).orElse(0)).forEach(l -> applied.merge(l, 1, Integer::sum));
        for (int i = hit.map(LayerCache.Hit::layers).orElse(0); i < layers.size(); i++) {
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
            if (i < chain.size()) {
                cache.store(fingerprint, chain.get(i), () -> run.snapshot(tree));
            }
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

        /** A run that goes on from the state another scan of the same first layers left. */
        Run(List<String> layerIds, Deadline deadline, LayerState from) {
            this.layerIds = layerIds;
            this.deadline = deadline;
            this.files = new FileAnalysis(fileAnalyzers, layerIds, from.files());
            from.latest().forEach(l -> latest.put(analyzers.get(l.analyzer()), l.inventory()));
            introducedIn.putAll(from.introducedIn());
        }

        /** The state now, after {@link #analyzeChanged} for the last layer applied to {@code tree}. */
        LayerState snapshot(FileTree tree) {
            List<LayerState.Latest> results = latest.entrySet().stream()
                    .map(e -> new LayerState.Latest(analyzers.indexOf(e.getKey()), e.getValue())).toList();
            return new LayerState(tree.snapshot(), results, introducedIn, files.snapshot());
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
