# fish completion for teamtui(1). The candidates come from the binary
# itself (`teamtui __complete WORDS`, see teamtui(1), COMPLETION), one a
# line, "CANDIDATE<TAB>DESCRIPTION" (fish's own format); ":dirs" and
# ":files" ask for paths.

function __teamtui_complete
	set -l words (commandline -opc)
	set -l cur (commandline -ct)
	set -l out ($words[1] __complete $words[2..-1] $cur 2>/dev/null)
	switch "$out[1]"
		case :dirs
			__fish_complete_directories $cur
		case :files
			__fish_complete_path $cur
		case '*'
			printf '%s\n' $out
	end
end

complete -c teamtui -f -a '(__teamtui_complete)'
