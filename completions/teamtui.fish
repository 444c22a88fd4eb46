# fish completion for teamtui(1). The candidates come from the binary
# itself (`teamtui __complete WORDS`, see teamtui(1), COMPLETION), one a
# line, "CANDIDATE<TAB>DESCRIPTION" (fish's own format); ":dirs" and
# ":files" ask for paths. The words go to it as typed (it removes the
# quotes and expands ~).

function __teamtui_complete
	set -l words (commandline -opc)
	set -l cur (commandline -ct)
	set -l out ($words[1] __complete $words[2..-1] $cur 2>/dev/null)
	# a path after "--opt=": completed after it, the option kept in front
	set -l pre '' # (a list, never empty: $pre$c would be no word)
	string match -q -r -- '^--[^=]*=' $cur; and set pre (string match -r -- '^--[^=]*=' $cur)
	set -l val (string replace -r -- '^--[^=]*=' '' $cur)
	switch "$out[1]"
		case :dirs
			for c in (__fish_complete_path $val)
				string match -q -r -- '/(\t|$)' $c; and echo $pre$c
			end
		case :files
			for c in (__fish_complete_path $val)
				echo $pre$c
			end
		case '*'
			printf '%s\n' $out
	end
end

complete -c teamtui -f -a '(__teamtui_complete)'
