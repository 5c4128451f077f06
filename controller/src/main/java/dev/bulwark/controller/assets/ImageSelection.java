package dev.bulwark.controller.assets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a {@code POST /v1/scan/asset/images} session holds: every tag of the registry images the caller may see with
 * its counts, and the summary's five images with the most vulnerabilities, then one {@code others} for the rest.
 */
record ImageSelection(List<Counted> images, List<VulSelection.AssetCount> tops) implements QueryResult {

    static final List<String> ORDER_COLUMNS = List.of("repository", "imageid", "createdat", "os", "size",
            "scannedat", "cvecount");

    ImageSelection {
        images = List.copyOf(images);
        tops = List.copyOf(tops);
    }

    /** A tag and its image's vulnerabilities by severity. */
    record Counted(Asset.Image image, VulSelection.AssetCount count) {}

    static ImageSelection of(AssetCatalog.Catalog catalog) {
        List<Counted> images = catalog.images().stream().map(i -> new Counted(i, VulSelection.count(i, _ -> true)))
                .toList();
        List<VulSelection.AssetCount> byCount = images.stream().map(Counted::count)
                .sorted(Comparator.comparingInt(VulSelection.AssetCount::all).reversed()).toList();
        List<VulSelection.AssetCount> tops = new ArrayList<>(byCount.stream().limit(VulSelection.TOP).toList());
        int[] others = new int[4];
        byCount.stream().skip(VulSelection.TOP).forEach(c -> {
            others[0] += c.critical();
            others[1] += c.high();
            others[2] += c.medium();
            others[3] += c.low();
        });
        tops.add(new VulSelection.AssetCount("", "others", others[0], others[1], others[2], others[3]));
        return new ImageSelection(images, tops);
    }

    @Override
    public int weight() {
        return images.size();
    }

    /** The tags a quick filter takes (in any of the fields shown), sorted as asked. */
    List<Counted> shown(String filter, String column, String direction) {
        String f = VulQuery.lower(filter);
        Comparator<Counted> by = switch (column) {
            case "imageid" -> Comparator.comparing(c -> c.image().id());
            case "createdat" -> Comparator.comparing(c -> c.image().createdAt());
            case "os" -> Comparator.comparing(c -> c.image().baseOs());
            case "size" -> Comparator.comparingLong(c -> c.image().size());
            case "scannedat" -> Comparator.comparing(c -> c.image().scannedAt());
            case "cvecount" -> Comparator.comparingInt((Counted c) -> c.count().critical())
                    .thenComparingInt(c -> c.count().high()).thenComparingInt(c -> c.count().medium());
            default -> Comparator.comparing(c -> c.image().name());
        };
        Comparator<Counted> stable = by.thenComparing(c -> c.image().name());
        return images.stream().filter(c -> f.isEmpty() || quick(c.image(), f))
                .sorted(direction.equals("desc") ? stable.reversed() : stable).toList();
    }

    private static boolean quick(Asset.Image i, String f) {
        return List.of(i.name(), i.id(), i.baseOs(), i.createdAt(), i.scannedAt(), i.registryName(),
                i.registryUrl()).stream().anyMatch(v -> VulQuery.lower(v).contains(f));
    }
}
