<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="tiles" tilewidth="32" tileheight="32" tilecount="240" columns="16">
 <image source="tiles.png" width="512" height="480"/>
 <tile id="0">
  <properties>
   <property name="piece" value="window:0,0"/>
  </properties>
 </tile>
 <tile id="1">
  <properties>
   <property name="piece" value="window-city:0,0"/>
  </properties>
 </tile>
 <tile id="2">
  <properties>
   <property name="piece" value="window-city:1,0"/>
  </properties>
 </tile>
 <tile id="3">
  <properties>
   <property name="piece" value="door:0,0"/>
  </properties>
 </tile>
 <tile id="4">
  <properties>
   <property name="piece" value="door-den:0,0"/>
  </properties>
 </tile>
 <tile id="5">
  <properties>
   <property name="piece" value="wall-cabinet"/>
  </properties>
 </tile>
 <tile id="6">
  <properties>
   <property name="piece" value="wall-shelf"/>
  </properties>
 </tile>
 <tile id="7">
  <properties>
   <property name="piece" value="picture"/>
  </properties>
 </tile>
 <tile id="8">
  <properties>
   <property name="piece" value="pegboard:0,0"/>
  </properties>
 </tile>
 <tile id="9">
  <properties>
   <property name="piece" value="pegboard:1,0"/>
  </properties>
 </tile>
 <tile id="10">
  <properties>
   <property name="piece" value="counter"/>
  </properties>
 </tile>
 <tile id="11">
  <properties>
   <property name="piece" value="counter-board"/>
  </properties>
 </tile>
 <tile id="12">
  <properties>
   <property name="piece" value="counter-sink"/>
  </properties>
 </tile>
 <tile id="13">
  <properties>
   <property name="piece" value="counter-stove"/>
  </properties>
 </tile>
 <tile id="14">
  <properties>
   <property name="piece" value="counter-kettle"/>
  </properties>
 </tile>
 <tile id="15">
  <properties>
   <property name="piece" value="fridge:0,0"/>
  </properties>
 </tile>
 <tile id="16">
  <properties>
   <property name="piece" value="window:0,1"/>
  </properties>
 </tile>
 <tile id="17">
  <properties>
   <property name="piece" value="window-city:0,1"/>
  </properties>
 </tile>
 <tile id="18">
  <properties>
   <property name="piece" value="window-city:1,1"/>
  </properties>
 </tile>
 <tile id="19">
  <properties>
   <property name="piece" value="door:0,1"/>
  </properties>
 </tile>
 <tile id="20">
  <properties>
   <property name="piece" value="door-den:0,1"/>
  </properties>
 </tile>
 <tile id="21">
  <properties>
   <property name="piece" value="couch:0,0"/>
  </properties>
 </tile>
 <tile id="22">
  <properties>
   <property name="piece" value="couch:1,0"/>
  </properties>
 </tile>
 <tile id="23">
  <properties>
   <property name="piece" value="couch:2,0"/>
  </properties>
 </tile>
 <tile id="24">
  <properties>
   <property name="piece" value="loveseat:0,0"/>
  </properties>
 </tile>
 <tile id="25">
  <properties>
   <property name="piece" value="loveseat:1,0"/>
  </properties>
 </tile>
 <tile id="26">
  <properties>
   <property name="piece" value="armchair:0,0"/>
  </properties>
 </tile>
 <tile id="27">
  <properties>
   <property name="piece" value="armchair:1,0"/>
  </properties>
 </tile>
 <tile id="28">
  <properties>
   <property name="piece" value="old-armchair:0,0"/>
  </properties>
 </tile>
 <tile id="29">
  <properties>
   <property name="piece" value="old-armchair:1,0"/>
  </properties>
 </tile>
 <tile id="30">
  <properties>
   <property name="piece" value="side-lamp"/>
  </properties>
 </tile>
 <tile id="31">
  <properties>
   <property name="piece" value="fridge:0,1"/>
  </properties>
 </tile>
 <tile id="32">
  <properties>
   <property name="piece" value="coffee-table:0,0"/>
  </properties>
 </tile>
 <tile id="33">
  <properties>
   <property name="piece" value="coffee-table:1,0"/>
  </properties>
 </tile>
 <tile id="34">
  <properties>
   <property name="piece" value="coffee-table:2,0"/>
  </properties>
 </tile>
 <tile id="35">
  <properties>
   <property name="piece" value="floor-lamp:0,0"/>
  </properties>
 </tile>
 <tile id="36">
  <properties>
   <property name="piece" value="chair-n"/>
  </properties>
 </tile>
 <tile id="37">
  <properties>
   <property name="piece" value="couch:0,1"/>
  </properties>
 </tile>
 <tile id="38">
  <properties>
   <property name="piece" value="couch:1,1"/>
  </properties>
 </tile>
 <tile id="39">
  <properties>
   <property name="piece" value="couch:2,1"/>
  </properties>
 </tile>
 <tile id="40">
  <properties>
   <property name="piece" value="loveseat:0,1"/>
  </properties>
 </tile>
 <tile id="41">
  <properties>
   <property name="piece" value="loveseat:1,1"/>
  </properties>
 </tile>
 <tile id="42">
  <properties>
   <property name="piece" value="armchair:0,1"/>
  </properties>
 </tile>
 <tile id="43">
  <properties>
   <property name="piece" value="armchair:1,1"/>
  </properties>
 </tile>
 <tile id="44">
  <properties>
   <property name="piece" value="old-armchair:0,1"/>
  </properties>
 </tile>
 <tile id="45">
  <properties>
   <property name="piece" value="old-armchair:1,1"/>
  </properties>
 </tile>
 <tile id="46">
  <properties>
   <property name="piece" value="bookshelf:0,0"/>
  </properties>
 </tile>
 <tile id="47">
  <properties>
   <property name="piece" value="bookshelf:1,0"/>
  </properties>
 </tile>
 <tile id="48">
  <properties>
   <property name="piece" value="tv-stand:0,0"/>
  </properties>
 </tile>
 <tile id="49">
  <properties>
   <property name="piece" value="tv-stand:1,0"/>
  </properties>
 </tile>
 <tile id="50">
  <properties>
   <property name="piece" value="chair-s"/>
  </properties>
 </tile>
 <tile id="51">
  <properties>
   <property name="piece" value="floor-lamp:0,1"/>
  </properties>
 </tile>
 <tile id="52">
  <properties>
   <property name="piece" value="dining-table:0,0"/>
  </properties>
 </tile>
 <tile id="53">
  <properties>
   <property name="piece" value="dining-table:1,0"/>
  </properties>
 </tile>
 <tile id="54">
  <properties>
   <property name="piece" value="table-long:0,0"/>
  </properties>
 </tile>
 <tile id="55">
  <properties>
   <property name="piece" value="table-long:1,0"/>
  </properties>
 </tile>
 <tile id="56">
  <properties>
   <property name="piece" value="table-long:2,0"/>
  </properties>
 </tile>
 <tile id="57">
  <properties>
   <property name="piece" value="chair-w"/>
  </properties>
 </tile>
 <tile id="58">
  <properties>
   <property name="piece" value="chair-e"/>
  </properties>
 </tile>
 <tile id="59">
  <properties>
   <property name="piece" value="bed:0,0"/>
  </properties>
 </tile>
 <tile id="60">
  <properties>
   <property name="piece" value="bed:1,0"/>
  </properties>
 </tile>
 <tile id="61">
  <properties>
   <property name="piece" value="bed-guest:0,0"/>
  </properties>
 </tile>
 <tile id="62">
  <properties>
   <property name="piece" value="bookshelf:0,1"/>
  </properties>
 </tile>
 <tile id="63">
  <properties>
   <property name="piece" value="bookshelf:1,1"/>
  </properties>
 </tile>
 <tile id="64">
  <properties>
   <property name="piece" value="bed-phone:0,0"/>
  </properties>
 </tile>
 <tile id="65">
  <properties>
   <property name="piece" value="bed-phone:1,0"/>
  </properties>
 </tile>
 <tile id="66">
  <properties>
   <property name="piece" value="nightstand"/>
  </properties>
 </tile>
 <tile id="67">
  <properties>
   <property name="piece" value="desk-chair"/>
  </properties>
 </tile>
 <tile id="68">
  <properties>
   <property name="piece" value="dining-table:0,1"/>
  </properties>
 </tile>
 <tile id="69">
  <properties>
   <property name="piece" value="dining-table:1,1"/>
  </properties>
 </tile>
 <tile id="70">
  <properties>
   <property name="piece" value="table-long:0,1"/>
  </properties>
 </tile>
 <tile id="71">
  <properties>
   <property name="piece" value="table-long:1,1"/>
  </properties>
 </tile>
 <tile id="72">
  <properties>
   <property name="piece" value="table-long:2,1"/>
  </properties>
 </tile>
 <tile id="73">
  <properties>
   <property name="piece" value="desk:0,0"/>
  </properties>
 </tile>
 <tile id="74">
  <properties>
   <property name="piece" value="desk:1,0"/>
  </properties>
 </tile>
 <tile id="75">
  <properties>
   <property name="piece" value="bed:0,1"/>
  </properties>
 </tile>
 <tile id="76">
  <properties>
   <property name="piece" value="bed:1,1"/>
  </properties>
 </tile>
 <tile id="77">
  <properties>
   <property name="piece" value="bed-guest:0,1"/>
  </properties>
 </tile>
 <tile id="78">
  <properties>
   <property name="piece" value="wardrobe:0,0"/>
  </properties>
 </tile>
 <tile id="79">
  <properties>
   <property name="piece" value="wardrobe:1,0"/>
  </properties>
 </tile>
 <tile id="80">
  <properties>
   <property name="piece" value="bed-phone:0,1"/>
  </properties>
 </tile>
 <tile id="81">
  <properties>
   <property name="piece" value="bed-phone:1,1"/>
  </properties>
 </tile>
 <tile id="82">
  <properties>
   <property name="piece" value="plant-tall:0,0"/>
  </properties>
 </tile>
 <tile id="83">
  <properties>
   <property name="piece" value="plant-small"/>
  </properties>
 </tile>
 <tile id="84">
  <properties>
   <property name="piece" value="plant-fern"/>
  </properties>
 </tile>
 <tile id="85">
  <properties>
   <property name="piece" value="plant-cactus"/>
  </properties>
 </tile>
 <tile id="86">
  <properties>
   <property name="piece" value="bush"/>
  </properties>
 </tile>
 <tile id="87">
  <properties>
   <property name="piece" value="flowers"/>
  </properties>
 </tile>
 <tile id="88">
  <properties>
   <property name="piece" value="boxes"/>
  </properties>
 </tile>
 <tile id="89">
  <properties>
   <property name="piece" value="desk:0,1"/>
  </properties>
 </tile>
 <tile id="90">
  <properties>
   <property name="piece" value="desk:1,1"/>
  </properties>
 </tile>
 <tile id="91">
  <properties>
   <property name="piece" value="bed:0,2"/>
  </properties>
 </tile>
 <tile id="92">
  <properties>
   <property name="piece" value="bed:1,2"/>
  </properties>
 </tile>
 <tile id="93">
  <properties>
   <property name="piece" value="bed-guest:0,2"/>
  </properties>
 </tile>
 <tile id="94">
  <properties>
   <property name="piece" value="wardrobe:0,1"/>
  </properties>
 </tile>
 <tile id="95">
  <properties>
   <property name="piece" value="wardrobe:1,1"/>
  </properties>
 </tile>
 <tile id="96">
  <properties>
   <property name="piece" value="bed-phone:0,2"/>
  </properties>
 </tile>
 <tile id="97">
  <properties>
   <property name="piece" value="bed-phone:1,2"/>
  </properties>
 </tile>
 <tile id="98">
  <properties>
   <property name="piece" value="plant-tall:0,1"/>
  </properties>
 </tile>
 <tile id="99">
  <properties>
   <property name="piece" value="workbench:0,0"/>
  </properties>
 </tile>
 <tile id="100">
  <properties>
   <property name="piece" value="workbench:1,0"/>
  </properties>
 </tile>
 <tile id="101">
  <properties>
   <property name="piece" value="workbench:2,0"/>
  </properties>
 </tile>
 <tile id="102">
  <properties>
   <property name="piece" value="boxes-tall:0,0"/>
  </properties>
 </tile>
 <tile id="103">
  <properties>
   <property name="piece" value="bulb"/>
  </properties>
 </tile>
 <tile id="104">
  <properties>
   <property name="piece" value="bike:0,0"/>
  </properties>
 </tile>
 <tile id="105">
  <properties>
   <property name="piece" value="bike:1,0"/>
  </properties>
 </tile>
 <tile id="106">
  <properties>
   <property name="piece" value="railing"/>
  </properties>
 </tile>
 <tile id="107">
  <properties>
   <property name="piece" value="railing-v"/>
  </properties>
 </tile>
 <tile id="108">
  <properties>
   <property name="piece" value="fence"/>
  </properties>
 </tile>
 <tile id="109">
  <properties>
   <property name="piece" value="fence-v"/>
  </properties>
 </tile>
 <tile id="110">
  <properties>
   <property name="piece" value="bench:0,0"/>
  </properties>
 </tile>
 <tile id="111">
  <properties>
   <property name="piece" value="bench:1,0"/>
  </properties>
 </tile>
 <tile id="112">
  <properties>
   <property name="piece" value="tree:0,0"/>
  </properties>
 </tile>
 <tile id="113">
  <properties>
   <property name="piece" value="tree:1,0"/>
  </properties>
 </tile>
 <tile id="114">
  <properties>
   <property name="piece" value="tree:2,0"/>
  </properties>
 </tile>
 <tile id="115">
  <properties>
   <property name="piece" value="workbench:0,1"/>
  </properties>
 </tile>
 <tile id="116">
  <properties>
   <property name="piece" value="workbench:1,1"/>
  </properties>
 </tile>
 <tile id="117">
  <properties>
   <property name="piece" value="workbench:2,1"/>
  </properties>
 </tile>
 <tile id="118">
  <properties>
   <property name="piece" value="boxes-tall:0,1"/>
  </properties>
 </tile>
 <tile id="119">
  <properties>
   <property name="piece" value="shed:0,0"/>
  </properties>
 </tile>
 <tile id="120">
  <properties>
   <property name="piece" value="shed:1,0"/>
  </properties>
 </tile>
 <tile id="121">
  <properties>
   <property name="piece" value="shed:2,0"/>
  </properties>
 </tile>
 <tile id="122">
  <properties>
   <property name="piece" value="shed:3,0"/>
  </properties>
 </tile>
 <tile id="123">
  <properties>
   <property name="piece" value="porch-post:0,0"/>
  </properties>
 </tile>
 <tile id="124">
  <properties>
   <property name="piece" value="steps:0,0"/>
  </properties>
 </tile>
 <tile id="125">
  <properties>
   <property name="piece" value="steps:1,0"/>
  </properties>
 </tile>
 <tile id="126">
  <properties>
   <property name="piece" value="boots"/>
  </properties>
 </tile>
 <tile id="127">
  <properties>
   <property name="piece" value="coat-rack:0,0"/>
  </properties>
 </tile>
 <tile id="128">
  <properties>
   <property name="piece" value="tree:0,1"/>
  </properties>
 </tile>
 <tile id="129">
  <properties>
   <property name="piece" value="tree:1,1"/>
  </properties>
 </tile>
 <tile id="130">
  <properties>
   <property name="piece" value="tree:2,1"/>
  </properties>
 </tile>
 <tile id="131">
  <properties>
   <property name="piece" value="wood0"/>
  </properties>
 </tile>
 <tile id="132">
  <properties>
   <property name="piece" value="wood1"/>
  </properties>
 </tile>
 <tile id="133">
  <properties>
   <property name="piece" value="wood2"/>
  </properties>
 </tile>
 <tile id="134">
  <properties>
   <property name="piece" value="wood3"/>
  </properties>
 </tile>
 <tile id="135">
  <properties>
   <property name="piece" value="shed:0,1"/>
  </properties>
 </tile>
 <tile id="136">
  <properties>
   <property name="piece" value="shed:1,1"/>
  </properties>
 </tile>
 <tile id="137">
  <properties>
   <property name="piece" value="shed:2,1"/>
  </properties>
 </tile>
 <tile id="138">
  <properties>
   <property name="piece" value="shed:3,1"/>
  </properties>
 </tile>
 <tile id="139">
  <properties>
   <property name="piece" value="porch-post:0,1"/>
  </properties>
 </tile>
 <tile id="140">
  <properties>
   <property name="piece" value="grass0"/>
  </properties>
 </tile>
 <tile id="141">
  <properties>
   <property name="piece" value="grass1"/>
  </properties>
 </tile>
 <tile id="142">
  <properties>
   <property name="piece" value="grass2"/>
  </properties>
 </tile>
 <tile id="143">
  <properties>
   <property name="piece" value="coat-rack:0,1"/>
  </properties>
 </tile>
 <tile id="144">
  <properties>
   <property name="piece" value="tree:0,2"/>
  </properties>
 </tile>
 <tile id="145">
  <properties>
   <property name="piece" value="tree:1,2"/>
  </properties>
 </tile>
 <tile id="146">
  <properties>
   <property name="piece" value="tree:2,2"/>
  </properties>
 </tile>
 <tile id="147">
  <properties>
   <property name="piece" value="grass3"/>
  </properties>
 </tile>
 <tile id="148">
  <properties>
   <property name="piece" value="void0"/>
  </properties>
 </tile>
 <tile id="149">
  <properties>
   <property name="piece" value="void1"/>
  </properties>
 </tile>
 <tile id="150">
  <properties>
   <property name="piece" value="void2"/>
  </properties>
 </tile>
 <tile id="151">
  <properties>
   <property name="piece" value="shed:0,2"/>
  </properties>
 </tile>
 <tile id="152">
  <properties>
   <property name="piece" value="shed:1,2"/>
  </properties>
 </tile>
 <tile id="153">
  <properties>
   <property name="piece" value="shed:2,2"/>
  </properties>
 </tile>
 <tile id="154">
  <properties>
   <property name="piece" value="shed:3,2"/>
  </properties>
 </tile>
 <tile id="155">
  <properties>
   <property name="piece" value="carpet0"/>
  </properties>
 </tile>
 <tile id="156">
  <properties>
   <property name="piece" value="carpet1"/>
  </properties>
 </tile>
 <tile id="157">
  <properties>
   <property name="piece" value="path0"/>
  </properties>
 </tile>
 <tile id="158">
  <properties>
   <property name="piece" value="path1"/>
  </properties>
 </tile>
 <tile id="159">
  <properties>
   <property name="piece" value="boards0"/>
  </properties>
 </tile>
 <tile id="160">
  <properties>
   <property name="piece" value="tree:0,3"/>
  </properties>
 </tile>
 <tile id="161">
  <properties>
   <property name="piece" value="tree:1,3"/>
  </properties>
 </tile>
 <tile id="162">
  <properties>
   <property name="piece" value="tree:2,3"/>
  </properties>
 </tile>
 <tile id="163">
  <properties>
   <property name="piece" value="boards1"/>
  </properties>
 </tile>
 <tile id="164">
  <properties>
   <property name="piece" value="kitchen-tile"/>
  </properties>
 </tile>
 <tile id="165">
  <properties>
   <property name="piece" value="concrete"/>
  </properties>
 </tile>
 <tile id="166">
  <properties>
   <property name="piece" value="cap0"/>
  </properties>
 </tile>
 <tile id="167">
  <properties>
   <property name="piece" value="shed:0,3"/>
  </properties>
 </tile>
 <tile id="168">
  <properties>
   <property name="piece" value="shed:1,3"/>
  </properties>
 </tile>
 <tile id="169">
  <properties>
   <property name="piece" value="shed:2,3"/>
  </properties>
 </tile>
 <tile id="170">
  <properties>
   <property name="piece" value="shed:3,3"/>
  </properties>
 </tile>
 <tile id="171">
  <properties>
   <property name="piece" value="cap1"/>
  </properties>
 </tile>
 <tile id="172">
  <properties>
   <property name="piece" value="cap2"/>
  </properties>
 </tile>
 <tile id="173">
  <properties>
   <property name="piece" value="cap3"/>
  </properties>
 </tile>
 <tile id="174">
  <properties>
   <property name="piece" value="cap4"/>
  </properties>
 </tile>
 <tile id="175">
  <properties>
   <property name="piece" value="cap5"/>
  </properties>
 </tile>
 <tile id="176">
  <properties>
   <property name="piece" value="cap6"/>
  </properties>
 </tile>
 <tile id="177">
  <properties>
   <property name="piece" value="cap7"/>
  </properties>
 </tile>
 <tile id="178">
  <properties>
   <property name="piece" value="cap8"/>
  </properties>
 </tile>
 <tile id="179">
  <properties>
   <property name="piece" value="cap9"/>
  </properties>
 </tile>
 <tile id="180">
  <properties>
   <property name="piece" value="cap10"/>
  </properties>
 </tile>
 <tile id="181">
  <properties>
   <property name="piece" value="cap11"/>
  </properties>
 </tile>
 <tile id="182">
  <properties>
   <property name="piece" value="cap12"/>
  </properties>
 </tile>
 <tile id="183">
  <properties>
   <property name="piece" value="cap13"/>
  </properties>
 </tile>
 <tile id="184">
  <properties>
   <property name="piece" value="cap14"/>
  </properties>
 </tile>
 <tile id="185">
  <properties>
   <property name="piece" value="cap15"/>
  </properties>
 </tile>
 <tile id="186">
  <properties>
   <property name="piece" value="face-cream-upper"/>
  </properties>
 </tile>
 <tile id="187">
  <properties>
   <property name="piece" value="face-cream-lower"/>
  </properties>
 </tile>
 <tile id="188">
  <properties>
   <property name="piece" value="face-sage-upper"/>
  </properties>
 </tile>
 <tile id="189">
  <properties>
   <property name="piece" value="face-sage-lower"/>
  </properties>
 </tile>
 <tile id="190">
  <properties>
   <property name="piece" value="face-plum-upper"/>
  </properties>
 </tile>
 <tile id="191">
  <properties>
   <property name="piece" value="face-plum-lower"/>
  </properties>
 </tile>
 <tile id="192">
  <properties>
   <property name="piece" value="face-clay-upper"/>
  </properties>
 </tile>
 <tile id="193">
  <properties>
   <property name="piece" value="face-clay-lower"/>
  </properties>
 </tile>
 <tile id="194">
  <properties>
   <property name="piece" value="face-den-upper"/>
  </properties>
 </tile>
 <tile id="195">
  <properties>
   <property name="piece" value="face-den-lower"/>
  </properties>
 </tile>
 <tile id="196">
  <properties>
   <property name="piece" value="rug:0,0"/>
  </properties>
 </tile>
 <tile id="197">
  <properties>
   <property name="piece" value="rug:1,0"/>
  </properties>
 </tile>
 <tile id="198">
  <properties>
   <property name="piece" value="rug:2,0"/>
  </properties>
 </tile>
 <tile id="199">
  <properties>
   <property name="piece" value="rug:3,0"/>
  </properties>
 </tile>
 <tile id="200">
  <properties>
   <property name="piece" value="rug:4,0"/>
  </properties>
 </tile>
 <tile id="201">
  <properties>
   <property name="piece" value="rug-plum:0,0"/>
  </properties>
 </tile>
 <tile id="202">
  <properties>
   <property name="piece" value="rug-plum:1,0"/>
  </properties>
 </tile>
 <tile id="203">
  <properties>
   <property name="piece" value="rug-plum:2,0"/>
  </properties>
 </tile>
 <tile id="204">
  <properties>
   <property name="piece" value="mat:0,0"/>
  </properties>
 </tile>
 <tile id="205">
  <properties>
   <property name="piece" value="mat:1,0"/>
  </properties>
 </tile>
 <tile id="212">
  <properties>
   <property name="piece" value="rug:0,1"/>
  </properties>
 </tile>
 <tile id="213">
  <properties>
   <property name="piece" value="rug:1,1"/>
  </properties>
 </tile>
 <tile id="214">
  <properties>
   <property name="piece" value="rug:2,1"/>
  </properties>
 </tile>
 <tile id="215">
  <properties>
   <property name="piece" value="rug:3,1"/>
  </properties>
 </tile>
 <tile id="216">
  <properties>
   <property name="piece" value="rug:4,1"/>
  </properties>
 </tile>
 <tile id="217">
  <properties>
   <property name="piece" value="rug-plum:0,1"/>
  </properties>
 </tile>
 <tile id="218">
  <properties>
   <property name="piece" value="rug-plum:1,1"/>
  </properties>
 </tile>
 <tile id="219">
  <properties>
   <property name="piece" value="rug-plum:2,1"/>
  </properties>
 </tile>
 <tile id="228">
  <properties>
   <property name="piece" value="rug:0,2"/>
  </properties>
 </tile>
 <tile id="229">
  <properties>
   <property name="piece" value="rug:1,2"/>
  </properties>
 </tile>
 <tile id="230">
  <properties>
   <property name="piece" value="rug:2,2"/>
  </properties>
 </tile>
 <tile id="231">
  <properties>
   <property name="piece" value="rug:3,2"/>
  </properties>
 </tile>
 <tile id="232">
  <properties>
   <property name="piece" value="rug:4,2"/>
  </properties>
 </tile>
</tileset>
