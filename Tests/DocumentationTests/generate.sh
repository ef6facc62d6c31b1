#!/bin/sh
# Regenerates Tests/DocumentationTests/DocumentationBlocks.swift from the Swift code blocks of
# README.md, Examples/README.md and the DocC catalogues (Sources/*/*.docc/*.md), then builds and
# runs them. Run it from anywhere after editing a code block or a marker. The file is first
# emptied, so a block that no longer compiles never stops the regeneration.
set -eu
cd "$(dirname "$0")/../.."
file=Tests/DocumentationTests/DocumentationBlocks.swift
printf '// swift-format-ignore-file\nimport Testing\n\n@Suite struct DocumentationBlocks {}\n' > "$file"
CHIPCHART_WRITE_DOCUMENTATION_TESTS=1 swift test --filter 'DocumentationBlockTests/theGeneratedFileIsCurrent' >/dev/null 2>&1 || true
grep -q 'Generated from' "$file" || { echo "generate.sh: $file was not written" >&2; exit 1; }
swift test --filter 'DocumentationBlocks|DocumentationBlockTests'
